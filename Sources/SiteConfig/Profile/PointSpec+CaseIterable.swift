/// Lets the readers list the valid spellings in messages ("must be one of high, low").
/// Written out because conformances outside the declaring file are not synthesised.
extension PointSpec.WordOrder: CaseIterable {
    public static var allCases: [PointSpec.WordOrder] { [.highFirst, .lowFirst] }
}

extension PointSpec.Active: CaseIterable {
    public static var allCases: [PointSpec.Active] { [.high, .low] }
}
