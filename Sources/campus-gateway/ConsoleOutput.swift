#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard error in a single `write(2)`, so lines from several threads
/// never interleave mid-line.
func printError(_ line: String) {
    writeStandardError(line + "\n")
}

func writeStandardError(_ text: String) {
    writeAll(text, to: 2)
}

private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

/// Writes one line to standard output at once: the demo's lines must appear in time order
/// with log lines on standard error, even through a pipe.
func printLine(_ line: String) {
    writeAll(line + "\n", to: 1)
}
