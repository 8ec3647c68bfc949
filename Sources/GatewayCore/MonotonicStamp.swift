/// A moment on an event's way through the gateway, in CLOCK_MONOTONIC nanoseconds; 0 when
/// unknown (events the gateway makes itself, events read back from the journal).
///
/// A measurement aid for `CAMPUS_GATEWAY_DELIVERY_TRACE` (docs/benchmarks.md): never
/// serialized, never journaled, and ignored by `==`, since the same event seen an instant
/// later is still the same event.
public struct MonotonicStamp: Sendable, Equatable {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64 = 0) { self.nanoseconds = nanoseconds }

    public static func == (_: MonotonicStamp, _: MonotonicStamp) -> Bool { true }
}
