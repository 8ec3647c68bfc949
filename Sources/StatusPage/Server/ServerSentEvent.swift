/// One server-sent event: `event:` then one `data:` line per line of the payload, ended by
/// a blank line (the browser joins the data lines with line feeds again).
enum ServerSentEvent {
    static func format(event: String, data: String) -> String {
        var text = "event: \(event)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }
}
