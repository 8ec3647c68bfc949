/// The gateway's version: printed by `--version` and published in every birth message.
public enum GatewayVersion {
    public static let string = "0.1.0"
}
