import FuzzDriver
import FuzzEntries

FuzzDriver.run(SiteConfigFuzz.run)
