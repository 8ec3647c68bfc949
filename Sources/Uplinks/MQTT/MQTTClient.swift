import CMosquitto
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Safe Swift over one libmosquitto client.
///
/// Thread-safety contract: after `start()`, the client's own network thread (`NetworkLoop`)
/// runs the connection and reconnects with capped, jittered backoff, moving to the backup
/// path and back. `publish` and `subscribe` may be called from any thread and never block on
/// the network; the handler is called on the network thread and must not block. `shutdown`
/// blocks (bounded) and must not be called from the handler.
public final class MQTTClient: Sendable {
    public let options: MQTTClientOptions
    private let context: ClientContext
    /// Owned by this object. libmosquitto in threaded mode serialises its own state, so the
    /// pointer may be used from any thread; it is destroyed once, under `context.lock`, and
    /// every use checks `context.phase` under that lock first.
    private nonisolated(unsafe) let handle: OpaquePointer
    private let userdata: Unmanaged<ClientContext>

    /// Creates the client and applies every option; nothing touches the network yet.
    ///
    /// Throws when libmosquitto refuses an option (a client id, username or will topic that
    /// is not valid MQTT UTF-8, say); nothing is left allocated then.
    public init(options: MQTTClientOptions, handler: @escaping @Sendable (MQTTClientEvent) -> Void) throws(MQTTError) {
        Mosquitto.initialise()
        // `mosquitto_new` refuses a bad id without saying why (errno is not set for malformed
        // UTF-8): check it first, so the error names the cause.
        if let problem = Mosquitto.clientIDProblem(options.clientID) { throw problem }
        let context = ClientContext(handler: handler)
        let userdata = Unmanaged.passRetained(context)
        let created = mosquitto_new(options.clientID, options.cleanSession, userdata.toOpaque())
        let createErrno = errno  // right after the call, before anything else can change it
        guard let handle = created else {
            userdata.release()
            throw MQTTError(operation: "create client", code: nil, message: "mosquitto_new failed: \(Mosquitto.describeErrno(createErrno))")
        }
        // Configured before any stored property of `self` is set: a throw from here on must
        // free the handle and the userdata exactly once, here. Once every stored property is
        // set, a throwing init runs `deinit`, which would free them a second time.
        do {
            try Self.configure(handle, options)
        } catch {
            mosquitto_destroy(handle)
            userdata.release()
            throw error
        }
        Self.installCallbacks(handle)
        self.options = options
        self.context = context
        self.handle = handle
        self.userdata = userdata
    }

    deinit {
        _ = close(timeout: .seconds(5))
    }

    /// Starts the client's network thread, which connects (and reconnects, with capped
    /// backoff and jitter, failing over to the backup path) until `shutdown`. A broker that is
    /// down now is not an error.
    ///
    /// Our own loop around `mosquitto_loop` rather than `mosquitto_loop_start`: libmosquitto's
    /// reconnect delay counts in whole seconds (the first message after an outage could wait
    /// 5 s), cannot change brokers, and never retries a first connect that failed.
    public func start() throws(MQTTError) {
        try context.lock.withLock { () throws(MQTTError) in
            guard context.phase == .created else { throw MQTTError.closed("start") }
            // Publishes from other threads only queue their packets and wake the loop, which
            // does all socket writes.
            let threaded = mosquitto_threaded_set(handle, true)
            guard threaded == Mosquitto.success else { throw MQTTError(operation: "set threaded mode", code: threaded) }
            nonisolated(unsafe) let handle = handle
            let (context, options) = (context, options)
            do {
                context.thread = try DedicatedThread(name: "mqtt \(options.clientID)") {
                    NetworkLoop(handle: handle, context: context, options: options).run()
                }
            } catch {
                throw MQTTError(operation: "start network thread", code: nil, message: "\(error)")
            }
            context.phase = .started
        }
    }

    /// Queues a message and returns its message id. Never waits for the network.
    ///
    /// Without a connection this throws `MOSQ_ERR_NO_CONN`, but for QoS 1/2 libmosquitto has
    /// still queued the message (unbounded) and sends it after reconnecting: publish QoS 1/2
    /// only while connected, and expect a duplicate if you retry after that error.
    ///
    /// `expiry` (MQTT 5 only): the broker drops the message for subscribers that have not
    /// received it by then. For status and telemetry, never for alarms.
    @discardableResult
    public func publish(topic: String, payload: [UInt8], qos: MQTTQoS, retain: Bool, expiry: Duration? = nil) throws(MQTTError) -> Int32 {
        try context.lock.withLock { () throws(MQTTError) -> Int32 in
            guard context.phase == .started else { throw MQTTError.closed("publish") }
            var mid: Int32 = 0
            let rc = payload.withUnsafeBytes { bytes in
                guard options.protocolVersion == .v5, let expiry else {
                    return mosquitto_publish(handle, &mid, topic, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue, retain)
                }
                var properties: OpaquePointer?
                defer { mosquitto_property_free_all(&properties) }
                _ = mosquitto_property_add_int32(
                    &properties, Int32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL.rawValue), UInt32(clamping: max(1, expiry.milliseconds / 1000)))
                return mosquitto_publish_v5(
                    handle, &mid, topic, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue, retain, properties)
            }
            guard rc == Mosquitto.success else { throw MQTTError(operation: "publish to \(topic)", code: rc) }
            if qos != .atMostOnce { context.inFlight.insert(mid) }
            return mid
        }
    }

    /// Subscribes; the broker answers with `.subscribed`. Subscriptions of a clean session are
    /// lost on reconnect: subscribe again on `.connected`.
    @discardableResult
    public func subscribe(filter: String, qos: MQTTQoS = .atLeastOnce) throws(MQTTError) -> Int32 {
        try context.lock.withLock { () throws(MQTTError) -> Int32 in
            guard context.phase == .started else { throw MQTTError.closed("subscribe") }
            var mid: Int32 = 0
            let rc = mosquitto_subscribe(handle, &mid, filter, qos.rawValue)
            guard rc == Mosquitto.success else { throw MQTTError(operation: "subscribe to \(filter)", code: rc) }
            return mid
        }
    }

    /// True between an accepted CONNACK and the next disconnect.
    public var isConnected: Bool { context.lock.withLock { context.connected } }

    /// The path in use or being tried: the primary broker or the backup.
    public var path: MQTTPath { context.lock.withLock { context.endpoint == 0 ? .primary : .backup } }

    /// QoS 1/2 messages published and not yet acknowledged.
    public var inFlightCount: Int { context.lock.withLock { context.inFlight.count } }

    /// Blocks the calling thread until the broker acknowledged `messageID` or `timeout`
    /// passed. For dedicated threads and shutdown paths, not for async code.
    public func waitForAcknowledgement(of messageID: Int32, timeout: Duration) -> Bool {
        let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
        return context.lock.withLock {
            while context.inFlight.contains(messageID) {
                if WallClock.monotonicNanoseconds() >= deadline { return false }
                context.lock.wait(untilMonotonic: deadline)
            }
            return true
        }
    }

    /// Blocks the calling thread until connected or `timeout` passed.
    public func waitForConnection(timeout: Duration) -> Bool {
        let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
        return context.lock.withLock {
            while !context.connected {
                if WallClock.monotonicNanoseconds() >= deadline || context.phase != .started { return false }
                context.lock.wait(untilMonotonic: deadline)
            }
            return true
        }
    }

    /// Disconnects cleanly (no last will), stops the network thread, frees the client.
    /// Waits up to a second for in-flight acknowledgements first (see `close`). Blocks for at
    /// most about `timeout` plus that second. Returns false when the network thread did not stop
    /// in time: the client is then leaked rather than freed under a running thread.
    @discardableResult
    public func shutdown(timeout: Duration = .seconds(5)) -> Bool {
        close(timeout: timeout)
    }

    private func close(timeout: Duration) -> Bool {
        if context.isNetworkThread {
            // Called from our own handler (say, the last reference went away there):
            // joining the network thread from itself would deadlock. Close from a helper
            // thread; it owns everything it needs.
            //
            // `detach`'s inline fallback (no thread could be started) is acceptable here: it
            // runs on the network thread, never on Swift's cooperative pool, and is bounded:
            // the loop cannot finish while we are on it, so the close gives up after
            // `timeout` and the client is leaked, never freed under a running thread.
            nonisolated(unsafe) let handle = handle
            let (context, userdata) = (context, userdata)
            DedicatedThread.detach(name: "mqtt-close") { _ = Self.close(context, handle, userdata, timeout: timeout) }
            return true
        }
        return Self.close(context, handle, userdata, timeout: timeout)
    }

    private static func close(
        _ context: ClientContext, _ handle: OpaquePointer, _ userdata: Unmanaged<ClientContext>, timeout: Duration
    ) -> Bool {
        let wasStarted: Bool? = context.lock.withLock {
            switch context.phase {
            case .closing, .closed: return nil
            case .created, .started:
                let started = context.phase == .started
                context.phase = .closing
                return started
            }
        }
        guard let wasStarted else { return true }
        if wasStarted {
            // libmosquitto 2.0.11 treats a PUBACK that arrives after `mosquitto_disconnect`
            // as a protocol error and drops the socket without sending DISCONNECT, so the
            // broker publishes the last will (seen in 8 of 200 quick shutdowns). Let
            // acknowledgements arrive first, briefly.
            let drainDeadline = WallClock.monotonicNanoseconds() + min(timeout, .seconds(1)).nanoseconds
            context.lock.withLock {
                while context.connected, !context.inFlight.isEmpty, WallClock.monotonicNanoseconds() < drainDeadline {
                    context.lock.wait(untilMonotonic: drainDeadline)
                }
                context.stopRequested = true
            }
            context.lock.broadcast()
            // DISCONNECT first (so the broker drops the will); the network loop writes it,
            // sees the socket close and ends. The lock is not held: callbacks need it.
            _ = mosquitto_disconnect(handle)
            let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
            let (stopped, thread) = context.lock.withLock { () -> (Bool, DedicatedThread?) in
                while !context.loopFinished, WallClock.monotonicNanoseconds() < deadline {
                    context.lock.wait(untilMonotonic: deadline)
                }
                return (context.loopFinished, context.thread)
            }
            guard stopped else {
                // Stuck in a blocking connect or name lookup: leak rather than free under it.
                context.lock.withLock { context.phase = .closed }
                return false
            }
            // Its body has returned: the join is immediate.
            thread?.join()
        }
        context.lock.withLock {
            context.phase = .closed
            context.connected = false
            mosquitto_destroy(handle)
        }
        context.lock.broadcast()
        userdata.release()
        return true
    }

    /// Test hook: kills the TCP connection without an MQTT DISCONNECT, as a cut cable or a
    /// crashed process would, so the broker publishes the last will. The client then
    /// reconnects by itself.
    @_spi(Testing)
    public func severConnection() {
        context.lock.withLock {
            guard context.phase == .started else { return }
            let fd = mosquitto_socket(handle)
            if fd >= 0 { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}
