import FuzzDriver
import FuzzEntries

FuzzDriver.run(PlatformCommandFuzz.run)
