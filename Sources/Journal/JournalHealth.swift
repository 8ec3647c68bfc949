/// Whether events are being written to disk.
public enum JournalHealth: String, Sendable, Equatable {
    /// Every event is written before it is published.
    case ok
    /// The disk is full: events flow from memory until space is freed.
    case full
    /// The database file is damaged (it was moved aside) or cannot be written at all:
    /// events flow from memory.
    case corrupt
}
