/// Checks that a profile's points do not collide: ids are unique, and no two points read
/// the same table items, except `bit` points sharing a register on different bits.
enum PointLayout {
    static func check(_ points: [ParsedPoint], file: YAMLFile) {
        var firstByID: [String: ParsedPoint] = [:]
        for (index, point) in points.enumerated() {
            if let first = firstByID[point.spec.id] {
                file.error("point id '\(point.spec.id)' is already used\(lineNote(first.idMark?.line))", at: point.idMark)
            } else {
                firstByID[point.spec.id] = point
            }
            if let other = points[..<index].first(where: { collide(point, $0) }) {
                report(point, against: other, file: file)
            }
        }
    }

    private static func collide(_ a: ParsedPoint, _ b: ParsedPoint) -> Bool {
        guard a.spec.table == b.spec.table, a.addresses.overlaps(b.addresses) else { return false }
        if a.spec.type == .bit, b.spec.type == .bit { return a.spec.bit == b.spec.bit }
        return true
    }

    private static func report(_ point: ParsedPoint, against other: ParsedPoint, file: YAMLFile) {
        if point.spec.type == .bit, other.spec.type == .bit {
            file.error(
                "\(point.placeDescription) is already read by point '\(other.spec.id)'\(lineNote(other.idMark?.line))",
                at: point.bitMark ?? point.addressMark
            )
        } else {
            file.error(
                "point '\(point.spec.id)' (\(point.placeDescription)) overlaps point '\(other.spec.id)' (\(other.placeDescription))\(lineNote(other.idMark?.line))",
                at: point.addressMark
            )
        }
    }

    private static func lineNote(_ line: Int?) -> String {
        line.map { " at line \($0)" } ?? ""
    }
}
