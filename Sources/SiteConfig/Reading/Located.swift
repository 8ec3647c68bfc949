import Yams

/// A value read from a file with the place it was written, for checks that run after
/// reading (duplicates, references) and must still point at the right spot.
struct Located<Value> {
    var value: Value
    var mark: Mark?
}

extension Located: Sendable where Value: Sendable {}
