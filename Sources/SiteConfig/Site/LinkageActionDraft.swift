/// A linkage command as read; its device is checked once everything is read.
struct LinkageActionDraft {
    var device: Located<String>
    var command: String
    var argument: Double?
}
