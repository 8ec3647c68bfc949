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
    /// libmosquitto's network thread, once it has called back.
    nonisolated(unsafe) var networkThread: pthread_t?

    let handler: @Sendable (MQTTClientEvent) -> Void

    init(handler: @escaping @Sendable (MQTTClientEvent) -> Void) {
        self.handler = handler
    }

    static func from(_ userdata: UnsafeMutableRawPointer?) -> ClientContext? {
        guard let userdata else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(userdata).takeUnretainedValue()
    }

    /// True on libmosquitto's network thread (where `mosquitto_loop_stop` must not run).
    var isNetworkThread: Bool {
        lock.withLock { networkThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    // The callbacks below run on libmosquitto's network thread. The lock is never held
    // while the handler runs, so a handler may publish or subscribe.

    func didConnect(_ code: Int32) {
        lock.withLock {
            connected = (code == 0)
            networkThread = pthread_self()
        }
        lock.broadcast()
        handler(.connected(code: code, reason: Mosquitto.describeConnack(code)))
    }

    func didDisconnect(_ code: Int32) {
        lock.withLock {
            connected = false
            networkThread = pthread_self()
        }
        lock.broadcast()
        handler(.disconnected(code: code, reason: code == 0 ? "disconnected on request" : Mosquitto.describe(code)))
    }

    func didPublish(_ messageID: Int32) {
        // Waits, at most for one non-blocking `mosquitto_publish`, until the id is registered.
        lock.withLock { _ = inFlight.remove(messageID) }
        lock.broadcast()
        handler(.published(messageID: messageID))
    }

    func didSubscribe(_ messageID: Int32, granted: [Int32]) {
        handler(.subscribed(messageID: messageID, grantedQoS: granted))
    }

    func didReceive(_ message: MQTTMessage) {
        handler(.message(message))
    }
}
