import FuzzDriver
import FuzzEntries

FuzzDriver.run(PointDecoderFuzz.run)
