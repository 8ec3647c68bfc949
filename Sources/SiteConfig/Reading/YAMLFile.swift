import Foundation
import Yams

/// One YAML file being read: its path, for diagnostics, and the log they go to.
struct YAMLFile {
    let path: String
    let log: DiagnosticLog

    func error(_ message: String, at mark: Mark?) {
        log.error(message, file: path, at: mark)
    }

    /// Reads `path` from disk; diagnostics name it `shownAs`. A file that cannot be read is
    /// reported at `mark` in `referrer` when given (the site line naming a profile), else
    /// at the file itself.
    static func read(
        path: String, log: DiagnosticLog, shownAs shown: String? = nil, referrer: (file: YAMLFile, mark: Mark?)? = nil
    ) -> String? {
        let shown = shown ?? path
        log.begin(file: shown)
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                log.error("the file is not UTF-8 text; save it as UTF-8", file: shown, at: nil)
                return nil
            }
            return text
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            let message = "cannot read \(shown): \(reason)"
            if let referrer { referrer.file.error(message, at: referrer.mark) } else { log.error(message, file: shown, at: nil) }
            return nil
        }
    }

    /// The document's root node, or nil (with a diagnostic) when the YAML is malformed.
    func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(error, in: text)
            return nil
        } catch {
            self.error("cannot parse YAML: \(error)", at: nil)
            return nil
        }
    }

    private func report(_ error: YamlError, in text: String) {
        switch error {
        case .composer(_, "but found another document", let mark, _):
            self.error("only one YAML document is allowed in a file; remove this '---' line and what follows", at: mark)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at line \(Self.place(context.mark, in: text).line))" }
            let place = Self.place(mark, in: text)
            if Self.line(place.line, of: text).contains("\t") { message += "; tabs are not allowed for indentation, use spaces" }
            log.error(message, file: path, line: place.line, column: place.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let repeated = DuplicateKey(key: duplicates.first ?? "", first: context.mark, text: text)
            let position = repeated.repeatPosition ?? (context.mark.line, context.mark.column)
            log.error(repeated.message(allKeys: duplicates), file: path, line: position.line, column: position.column)
        case .reader(let problem, _, _, _):
            self.error("cannot read YAML: \(problem)", at: nil)
        default:
            self.error("cannot parse YAML: \(error)", at: nil)
        }
    }

    /// Where `mark` is, kept inside the file: at the end of a file without a final line
    /// break, libyaml reports the line after the last, which the technician's editor does
    /// not have; that is the end of the last line instead.
    static func place(_ mark: Mark, in text: String) -> (line: Int, column: Int) {
        // Line breaks as YAML counts them: LF, CR, CR LF, NEL, LS, PS.
        var lines = 1, lastLength = 0, afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if !afterCR { lines += 1 }
                lastLength = 0
                afterCR = false
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines += 1
                lastLength = 0
                afterCR = scalar == "\r"
            default:
                lastLength += 1
                afterCR = false
            }
        }
        guard mark.line > lines else { return (max(1, mark.line), max(1, mark.column)) }
        return (lines, lastLength + 1)
    }

    private static func line(_ number: Int, of text: String) -> Substring {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }
}
