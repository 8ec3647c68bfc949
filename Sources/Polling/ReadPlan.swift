import GatewayCore
import SiteConfig

/// The requests that read every point of one device, built once per device.
public struct ReadPlan: Sendable, Equatable {
    /// One Modbus read request and the points it serves.
    public struct Request: Sendable, Equatable {
        public var table: ModbusTable
        public var address: Int
        public var count: Int
        /// (index into the profile's points, offset of the point's first item in the reply).
        public var slots: [Slot]
    }

    public struct Slot: Sendable, Equatable {
        public var point: Int
        public var offset: Int
    }

    public var requests: [Request]

    /// Items (bits or registers) requested in all, including gap filler.
    public var itemCount: Int { requests.reduce(0) { $0 + $1.count } }
}
