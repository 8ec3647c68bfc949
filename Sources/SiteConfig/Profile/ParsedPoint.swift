import Yams

/// A point read from a profile, with the places the layout check points at.
struct ParsedPoint {
    var spec: PointSpec
    var idMark: Mark?
    var addressMark: Mark?
    var bitMark: Mark?

    /// Table items the point occupies, e.g. 1...2 for an f32 at address 1.
    var addresses: ClosedRange<Int> { spec.address...(spec.address + spec.span - 1) }

    /// "input_register 1–2", "discrete_input 8", "bit 3 of input_register 0".
    var placeDescription: String {
        let range = addresses.count == 1 ? "\(spec.address)" : "\(addresses.lowerBound)–\(addresses.upperBound)"
        let place = "\(spec.table.rawValue) \(range)"
        return spec.bit.map { "bit \($0) of \(place)" } ?? place
    }
}
