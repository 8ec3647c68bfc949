/// Everything the event router needs from the site file besides devices and uplinks.
public struct RoutingConfig: Sendable, Equatable {
    public var routes: [RouteConfig]
    public var schedules: [ScheduleConfig]
    public var linkage: [LinkageRule]
    /// nil turns flood control off.
    public var flood: FloodPolicy?
    /// While this schedule is active every event is marked `drill: true`.
    public var drillSchedule: String?

    public init(
        routes: [RouteConfig] = [], schedules: [ScheduleConfig] = [], linkage: [LinkageRule] = [],
        flood: FloodPolicy? = nil, drillSchedule: String? = nil
    ) {
        self.routes = routes
        self.schedules = schedules
        self.linkage = linkage
        self.flood = flood
        self.drillSchedule = drillSchedule
    }
}
