import SiteConfig

extension TestBroker {
    /// An uplink configuration pointing at this broker (over mutual TLS when it has
    /// certificates).
    public func uplinkConfig(
        name: String = "police", clientID: String? = nil, topicPrefix: String = "campus/v1/test-site",
        keepalive: Duration = .seconds(30), heartbeat: Duration = .seconds(10)
    ) -> UplinkConfig {
        UplinkConfig(
            name: name, scheme: certificates == nil ? .mqtt : .mqtts, host: host, port: port,
            clientID: clientID ?? "campus-gateway-test-\(name)-\(port)", topicPrefix: topicPrefix, keepalive: keepalive,
            heartbeat: heartbeat, caFile: certificates?.caFile, certFile: certificates?.clientCertificate,
            keyFile: certificates?.clientKey
        )
    }
}
