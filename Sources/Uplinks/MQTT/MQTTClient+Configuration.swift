import CMosquitto

extension MQTTClient {
    /// Applies every option to a fresh client. All of it must happen before the first
    /// connect: libmosquitto reads the will and credentials when it sends CONNECT.
    static func configure(_ handle: OpaquePointer, _ options: MQTTClientOptions) throws(MQTTError) {
        func check(_ rc: Int32, _ operation: String) throws(MQTTError) {
            guard rc == Mosquitto.success else { throw MQTTError(operation: operation, code: rc) }
        }
        let version = options.protocolVersion == .v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311
        try check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, version), "set protocol version")
        // Small messages must leave at once: an alarm cannot wait for Nagle's algorithm.
        try check(mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1), "set TCP_NODELAY")
        try check(
            mosquitto_max_inflight_messages_set(handle, UInt32(clamping: max(0, options.maxInFlightMessages))),
            "set in-flight limit"
        )
        if options.username != nil || options.password != nil {
            // libmosquitto checks the username as MQTT UTF-8 (the password is binary data).
            let rc = mosquitto_username_pw_set(handle, options.username, options.password)
            if rc == Mosquitto.malformedUTF8 {
                throw MQTTError(
                    operation: "set username \(String(reflecting: options.username ?? ""))", code: rc,
                    message: "the username is not valid MQTT UTF-8 (control characters, U+0000 and noncharacters are refused)"
                )
            }
            try check(rc, "set username and password")
        }
        if let will = options.will {
            let rc = will.payload.withUnsafeBytes { bytes in
                if options.protocolVersion == .v5, let delay = options.willDelay {
                    var properties: OpaquePointer?
                    _ = mosquitto_property_add_int32(
                        &properties, Int32(MQTT_PROP_WILL_DELAY_INTERVAL.rawValue), UInt32(clamping: delay.milliseconds / 1000))
                    let rc = mosquitto_will_set_v5(
                        handle, will.topic, Int32(clamping: bytes.count), bytes.baseAddress, will.qos.rawValue, will.retain, properties)
                    // Taken over by libmosquitto on success only.
                    if rc != Mosquitto.success { mosquitto_property_free_all(&properties) }
                    return rc
                }
                return mosquitto_will_set(handle, will.topic, Int32(clamping: bytes.count), bytes.baseAddress, will.qos.rawValue, will.retain)
            }
            if rc == Mosquitto.malformedUTF8 {
                throw MQTTError(
                    operation: "set last will on \(String(reflecting: will.topic))", code: rc,
                    message: "the topic is not valid MQTT UTF-8 (control characters, U+0000 and noncharacters are refused)"
                )
            }
            try check(rc, "set last will on \(String(reflecting: will.topic))")
        }
        if let tls = options.tls {
            let caPath = tls.caFile == nil && tls.caPath == nil ? "/etc/ssl/certs" : tls.caPath
            try check(mosquitto_tls_set(handle, tls.caFile, caPath, tls.certFile, tls.keyFile, nil), "set TLS")
            // TLS 1.2 or newer; certificate verification (1 = SSL_VERIFY_PEER) unless turned off.
            try check(mosquitto_tls_opts_set(handle, tls.verify ? 1 : 0, "tlsv1.2", nil), "set TLS options")
            try check(mosquitto_tls_insecure_set(handle, !tls.verify), "set TLS host name check")
        }
    }

    /// Non-capturing closures, so they convert to C function pointers; each finds its
    /// Swift state through the userdata pointer.
    static func installCallbacks(_ handle: OpaquePointer) {
        mosquitto_connect_callback_set(handle) { _, userdata, rc in
            ClientContext.from(userdata)?.didConnect(rc)
        }
        mosquitto_disconnect_callback_set(handle) { _, userdata, rc in
            ClientContext.from(userdata)?.didDisconnect(rc)
        }
        // The v5 form also serves MQTT 3.1.1 (reason 0): setting both would report twice.
        mosquitto_publish_v5_callback_set(handle) { _, userdata, mid, reason, _ in
            ClientContext.from(userdata)?.didPublish(mid, reason: reason)
        }
        mosquitto_log_callback_set(handle) { _, userdata, level, text in
            guard let text else { return }
            ClientContext.from(userdata)?.didLog(level: level, String(cString: text))
        }
        mosquitto_subscribe_callback_set(handle) { _, userdata, mid, count, granted in
            let qos = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(max(0, count)))) } ?? []
            ClientContext.from(userdata)?.didSubscribe(mid, granted: qos)
        }
        mosquitto_message_callback_set(handle) { _, userdata, message in
            guard let message, let context = ClientContext.from(userdata) else { return }
            let m = message.pointee
            let topic = m.topic.map { String(cString: $0) } ?? ""
            let payload: [UInt8]
            if let bytes = m.payload, m.payloadlen > 0 {
                payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(m.payloadlen)))
            } else {
                payload = []
            }
            context.didReceive(
                MQTTMessage(topic: topic, payload: payload, qos: MQTTQoS(rawValue: m.qos) ?? .atMostOnce, retained: m.retain)
            )
        }
    }
}
