/// The version printed by `--version` and published in the birth message.
enum GatewayVersion {
    static let string = "0.1.0"
}
