import CMosquitto
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client's network thread: connects, runs `mosquitto_loop` while connected, and on any
/// failure tries again after a short, capped, jittered delay; moves to the backup path after
/// repeated failures and back to the primary once it accepts connections again.
struct NetworkLoop {
    let handle: OpaquePointer
    let context: ClientContext
    let options: MQTTClientOptions

    /// How long one `mosquitto_loop` call may wait for the socket; publishes wake it at once.
    private static let pollMilliseconds: Int32 = 250

    func run() {
        context.lock.withLock { context.networkThread = pthread_self() }
        defer {
            context.lock.withLock { context.loopFinished = true }
            context.lock.broadcast()
        }
        var backoff = ReconnectBackoff(
            minimum: options.reconnectDelayMin, maximum: options.reconnectDelayMax, refusedMaximum: options.refusedDelayMax)
        var nextAttempt: UInt64 = 0
        var failures = 0
        var socketOpen = false
        var attemptStarted: UInt64 = 0
        var attemptConnections = 0
        var attemptDisconnects = 0
        var nextFailbackCheck: UInt64 = 0
        while true {
            let (stop, connected, endpoint) = context.lock.withLock { (context.stopRequested, context.connected, context.endpoint) }
            // Once stopping, only a live connection keeps the loop, to write DISCONNECT.
            if stop, !(socketOpen && connected) { break }
            let now = WallClock.monotonicNanoseconds()
            if !socketOpen {
                if now < nextAttempt {
                    context.lock.withLock { if !context.stopRequested { context.lock.wait(untilMonotonic: nextAttempt) } }
                    continue
                }
                (attemptConnections, attemptDisconnects) = context.lock.withLock {
                    context.lastLog = ""
                    context.refused = false
                    return (context.connections, context.disconnects)
                }
                attemptStarted = now
                let rc = connect(endpoint)
                if rc == Mosquitto.success {
                    socketOpen = true
                    continue
                }
                reportFailure(rc, since: attemptDisconnects)
            } else {
                // While connecting nothing wakes the wait (a DISCONNECT is queued only on a
                // live connection), so poll briefly, and a shutdown is seen at once.
                let rc = mosquitto_loop(handle, connected ? Self.pollMilliseconds : 20, 1)
                if rc == Mosquitto.success, mosquitto_socket(handle) >= 0 {
                    if !connected, now - attemptStarted > options.connectTimeout.nanoseconds {
                        // TCP, TLS handshake or CONNACK stuck: abandon the attempt.
                        context.lock.withLock { context.lastLog = "no CONNACK within \(options.connectTimeout)" }
                        _ = Glibc.shutdown(mosquitto_socket(handle), Int32(SHUT_RDWR))
                    } else if connected, endpoint == 1, now >= nextFailbackCheck {
                        nextFailbackCheck = now + options.failbackInterval.nanoseconds
                        if ReachabilityProbe.accepts(host: options.host, port: options.port) {
                            // The primary is back: leave the backup cleanly (no will there).
                            context.lock.withLock { context.endpoint = 0 }
                            _ = mosquitto_disconnect(handle)
                        }
                    }
                    continue
                }
                socketOpen = false
                let (gotThrough, stillOnSameEndpoint) = context.lock.withLock {
                    (context.connections > attemptConnections, context.endpoint == endpoint)
                }
                if stop { break }
                if gotThrough {
                    // A connection that worked and dropped: try again at once.
                    failures = 0
                    backoff.reset()
                    nextAttempt = 0
                    if endpoint == 1 { nextFailbackCheck = WallClock.monotonicNanoseconds() + options.failbackInterval.nanoseconds }
                    continue
                }
                if !stillOnSameEndpoint {
                    nextAttempt = 0
                    continue
                }
                reportFailure(rc == Mosquitto.success ? Int32(MOSQ_ERR_CONN_LOST.rawValue) : rc, since: attemptDisconnects)
            }
            failures += 1
            let refused = context.lock.withLock { context.refused }
            nextAttempt = WallClock.monotonicNanoseconds() + backoff.next(refused: refused)
            if options.backup != nil, failures >= options.failoverAfter {
                // Try the other path; each gets `failoverAfter` attempts in turn.
                failures = 0
                backoff.reset()
                nextAttempt = 0
                context.lock.withLock { context.endpoint = endpoint == 0 ? 1 : 0 }
                if endpoint == 0 { nextFailbackCheck = WallClock.monotonicNanoseconds() + options.failbackInterval.nanoseconds }
            }
        }
    }

    /// Starts a connection attempt to the path `endpoint`. For MQTT 3.1.1 it does not wait
    /// for TCP (the loop completes it); MQTT 5 CONNECT properties exist only on the blocking
    /// call in libmosquitto 2.0.
    private func connect(_ endpoint: Int) -> Int32 {
        let target = endpoint == 1 ? options.backup ?? options.primary : options.primary
        let keepalive = Int32(clamping: max(5, options.keepalive.milliseconds / 1000))
        guard options.protocolVersion == .v5 else {
            return mosquitto_connect_async(handle, target.host, Int32(clamping: target.port), keepalive)
        }
        var properties: OpaquePointer?
        defer { mosquitto_property_free_all(&properties) }
        if let delay = options.willDelay {
            // The session must outlive the will delay, or the broker publishes the will as
            // soon as the connection drops.
            _ = mosquitto_property_add_int32(
                &properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), UInt32(clamping: delay.milliseconds / 1000))
        }
        return mosquitto_connect_bind_v5(handle, target.host, Int32(clamping: target.port), keepalive, nil, properties)
    }

    /// Tells the handler about a failed attempt unless libmosquitto already did.
    private func reportFailure(_ rc: Int32, since disconnects: Int) {
        let reported = context.lock.withLock { context.disconnects > disconnects }
        if !reported { context.didDisconnect(rc == Mosquitto.success ? Int32(MOSQ_ERR_NO_CONN.rawValue) : rc) }
    }
}
