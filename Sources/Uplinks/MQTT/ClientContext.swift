import CMosquitto
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state libmosquitto's callbacks reach through their userdata pointer. Retained once
/// (`Unmanaged`) when the client is created and released only after `mosquitto_destroy`,
/// so the network thread can never see a freed context.
final class ClientContext: Sendable {
    enum Phase: Sendable { case created, started, closing, closed }

    /// One lock for the phase, the connection flag and the in-flight message ids: a PUBACK
    /// can arrive before `mosquitto_publish` has returned its id, so registering the id and
    /// handling its acknowledgement must be serialised by the same lock.
    let lock = ConditionLock()
    // Guarded by `lock`.
    nonisolated(unsafe) var phase = Phase.created
    nonisolated(unsafe) var connected = false
    nonisolated(unsafe) var inFlight = Set<Int32>()
    /// The client's network thread (our loop around `mosquitto_loop`).
    nonisolated(unsafe) var networkThread: pthread_t?
    nonisolated(unsafe) var thread: DedicatedThread?
    /// Set by `shutdown`; the network loop ends once the socket is closed.
    nonisolated(unsafe) var stopRequested = false
    nonisolated(unsafe) var loopFinished = false
    /// 0 primary, 1 backup: the path being used or tried.
    nonisolated(unsafe) var endpoint = 0
    /// Accepted connections and reported disconnects so far, so the loop can tell whether an
    /// attempt got through and whether its failure was reported.
    nonisolated(unsafe) var connections = 0
    nonisolated(unsafe) var disconnects = 0
    /// The broker answered CONNACK with a refusal on the current attempt.
    nonisolated(unsafe) var refused = false
    /// libmosquitto's last warning or error line (a TLS failure's OpenSSL reason, say).
    nonisolated(unsafe) var lastLog = ""

    let handler: @Sendable (MQTTClientEvent) -> Void

    init(handler: @escaping @Sendable (MQTTClientEvent) -> Void) {
        self.handler = handler
    }

    static func from(_ userdata: UnsafeMutableRawPointer?) -> ClientContext? {
        guard let userdata else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(userdata).takeUnretainedValue()
    }

    /// True on the client's network thread (which a close must not wait for from itself).
    var isNetworkThread: Bool {
        lock.withLock { networkThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    // The callbacks below run on the client's network thread. The lock is never held
    // while the handler runs, so a handler may publish or subscribe.

    func didConnect(_ code: Int32) {
        lock.withLock {
            connected = (code == 0)
            if code == 0 { connections += 1 } else { refused = true }
        }
        lock.broadcast()
        handler(.connected(code: code, reason: Mosquitto.describeConnack(code)))
    }

    func didDisconnect(_ code: Int32) {
        let log = lock.withLock {
            connected = false
            disconnects += 1
            return lastLog
        }
        lock.broadcast()
        var reason = code == 0 ? "disconnected on request" : Mosquitto.describe(code)
        if code != 0, !log.isEmpty { reason += " (\(log))" }
        handler(.disconnected(code: code, reason: reason))
    }

    /// `reason`: the PUBACK's reason code (MQTT 5); 128 and above mean the broker refused it.
    func didPublish(_ messageID: Int32, reason: Int32) {
        // Waits, at most for one non-blocking `mosquitto_publish`, until the id is registered.
        lock.withLock { _ = inFlight.remove(messageID) }
        lock.broadcast()
        handler(reason >= 128 ? .refused(messageID: messageID, reason: reason) : .published(messageID: messageID))
    }

    func didLog(level: Int32, _ text: String) {
        guard level & (Int32(MOSQ_LOG_ERR) | Int32(MOSQ_LOG_WARNING)) != 0 else { return }
        lock.withLock { lastLog = text }
    }

    func didSubscribe(_ messageID: Int32, granted: [Int32]) {
        handler(.subscribed(messageID: messageID, grantedQoS: granted))
    }

    func didReceive(_ message: MQTTMessage) {
        handler(.message(message))
    }
}
