import Yams

/// A YAML map with a known set of keys. Creating one reports every unknown key (with a
/// "did you mean" when one is close); the getters report wrong types and missing keys.
struct MapReader {
    let file: YAMLFile
    /// Where the map starts: missing keys are reported here.
    let mark: Mark?
    /// What the map is, for messages: "device", "point", "site".
    let what: String
    private var entries: [String: (key: Node, value: Node)] = [:]
    /// Valid keys that an unknown key was probably meant to be: `adress` → `address`.
    /// A missing required key among them is not reported again.
    private var misspelt: Set<String> = []

    /// Nil, with a diagnostic, when `node` is not a map.
    init?(_ node: Node, what: String, label: String? = nil, keys: [String], file: YAMLFile) {
        guard case .mapping(let mapping) = node else {
            file.error("\(label ?? what) must be a map of key: value, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        self.file = file
        self.mark = node.mark
        self.what = what
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !key.isNull else {
                file.error("a key in \(what) must be a plain word, found \(key.kindDescription)", at: key.mark)
                continue
            }
            let name = scalar.string
            guard keys.contains(name) else {
                let suggestion = Spelling.closest(to: name, in: keys)
                let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
                file.error("unknown key '\(name)' in \(what)\(hint) (valid keys: \(keys.joined(separator: ", ")))", at: key.mark)
                if let suggestion { misspelt.insert(suggestion) }
                continue
            }
            entries[name] = (key, value)
        }
    }

    /// The value of `key` as written (possibly null, `key:` with nothing), or nil when absent.
    func value(_ key: String) -> Node? { entries[key]?.value }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// Where `key` itself is written, for "only allowed with" messages.
    func keyMark(_ key: String) -> Mark? { entries[key]?.key.mark }

    /// The value of a required key; reports a missing key at the map, an empty one at the key.
    func required(_ key: String) -> Node? {
        guard let entry = entries[key] else {
            if !misspelt.contains(key) { file.error("\(what) is missing required key '\(key)'", at: mark) }
            return nil
        }
        guard !entry.value.isNull else {
            file.error("'\(key)' needs a value", at: entry.key.mark)
            return nil
        }
        return entry.value
    }

    /// The value of an optional key; `key:` with nothing after it is reported, because a
    /// silently applied default is not what someone who wrote the key expects.
    func optional(_ key: String) -> Node? {
        guard let entry = entries[key] else { return nil }
        guard !entry.value.isNull else {
            file.error("'\(key)' needs a value; leave the key out to use its default", at: entry.key.mark)
            return nil
        }
        return entry.value
    }

    /// Reports `key` as not allowed here when present; returns whether it was.
    @discardableResult
    func forbid(_ key: String, because reason: String) -> Bool {
        guard entries[key] != nil else { return false }
        file.error("'\(key)' \(reason)", at: keyMark(key))
        return true
    }
}
