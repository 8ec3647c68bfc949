import Foundation

/// The subset of JSON Schema that docs/mqtt-api.yaml uses (type, const, enum, properties,
/// required, additionalProperties, items, bounds, pattern, allOf/oneOf, if/then, local
/// `$ref`), enough to check real payloads against the published contract.
struct JSONSchema {
    /// The whole document, for `$ref`.
    let root: [String: Any]

    /// Problems of `value` against `schema`, each with its JSON path; empty when it conforms.
    func problems(_ value: Any, _ schema: Any, path: String = "$") -> [String] {
        guard let schema = schema as? [String: Any] else { return [] }
        if let reference = schema["$ref"] as? String { return problems(value, resolve(reference), path: path) }
        var found: [String] = []
        if let types = schema["type"] {
            let names = (types as? [String]) ?? [(types as? String) ?? ""]
            if !names.contains(where: { Self.matches(value, type: $0) }) {
                return ["\(path): expected \(names.joined(separator: " or ")), found \(Self.describe(value))"]
            }
        }
        if let constant = schema["const"], !Self.equal(value, constant) {
            found.append("\(path): expected \(constant), found \(Self.describe(value))")
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { Self.equal(value, $0) }) {
            found.append("\(path): \(Self.describe(value)) is not one of \(choices)")
        }
        if let text = value as? String {
            if let least = schema["minLength"] as? Int, text.count < least { found.append("\(path): shorter than \(least)") }
            if let most = schema["maxLength"] as? Int, text.count > most { found.append("\(path): longer than \(most)") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
        }
        if let number = Self.number(value) {
            if let least = (schema["minimum"] as? NSNumber)?.doubleValue, number < least { found.append("\(path): \(number) < \(least)") }
            if let most = (schema["maximum"] as? NSNumber)?.doubleValue, number > most { found.append("\(path): \(number) > \(most)") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): missing required '\(key)'")
            }
            for (key, item) in object {
                if let property = properties[key] {
                    found += problems(item, property, path: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool {
                        if !allowed { found.append("\(path): '\(key)' is not in the contract") }
                    } else {
                        found += problems(item, extra, path: "\(path).\(key)")
                    }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { found += problems(item, items, path: "\(path)[\(index)]") }
        }
        for part in schema["allOf"] as? [Any] ?? [] { found += problems(value, part, path: path) }
        if let options = schema["oneOf"] as? [Any] {
            let results = options.map { problems(value, $0, path: path) }
            let passing = results.filter(\.isEmpty).count
            if passing != 1 {
                found.append("\(path): matches \(passing) of the oneOf alternatives, not exactly 1: \(results.map { $0.first ?? "ok" })")
            }
        }
        if let condition = schema["if"], problems(value, condition, path: path).isEmpty, let then = schema["then"] {
            found += problems(value, then, path: path)
        }
        return found
    }

    func resolve(_ reference: String) -> Any {
        guard reference.hasPrefix("#/") else { return [:] as [String: Any] }
        var node: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:] as [String: Any]
        }
        return node
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer": return !isBool(value) && number(value).map { $0.rounded() == $0 } == true
        case "number": return !isBool(value) && number(value) != nil
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    /// JSONSerialization gives NSNumber for numbers and booleans alike (and `is Bool` holds
    /// for the numbers 0 and 1 too); a boolean's objCType is "c", JSON numbers' never are.
    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func number(_ value: Any) -> Double? {
        guard !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if isBool(a) || isBool(b) { return isBool(a) && isBool(b) && (a as? NSNumber)?.boolValue == (b as? NSNumber)?.boolValue }
        if let x = number(a), let y = number(b) { return x == y }
        if let x = a as? String, let y = b as? String { return x == y }
        return false
    }

    private static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "'\(text)'" }
        return "\(value)"
    }
}
