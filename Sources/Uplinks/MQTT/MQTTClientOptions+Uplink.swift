import SiteConfig

extension MQTTClientOptions {
    /// How a client connects for `uplink`: address, backup path, credentials, TLS. No will:
    /// the uplink adds its own; a tool connecting in its name must not leave one.
    public init(uplink: UplinkConfig, protocolVersion: ProtocolVersion? = nil, clientIDSuffix: String = "") {
        self.init(
            host: uplink.host, port: uplink.port, clientID: uplink.clientID + clientIDSuffix, cleanSession: true,
            keepalive: uplink.keepalive, protocolVersion: protocolVersion ?? (uplink.protocolVersion == .v5 ? .v5 : .v311),
            username: uplink.username, password: uplink.password,
            tls: uplink.scheme == .mqtts
                ? TLS(caFile: uplink.caFile, certFile: uplink.certFile, keyFile: uplink.keyFile, verify: uplink.tlsVerify)
                : nil,
            // The uplink's own window bounds what is in flight; libmosquitto must not hold
            // messages back in its hidden queue, where an emergency would wait behind them.
            maxInFlightMessages: 0,
            backup: uplink.backup.map { Endpoint(host: $0.host, port: $0.port) }
        )
    }
}
