import ArgumentParser
import GatewayCore

@main
struct CampusGateway: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campus-gateway",
        abstract: "Polls campus security devices over Modbus and publishes their events over MQTT.",
        discussion: """
            Exit codes: 0 success; 1 the site file is invalid or the command failed; \
            64 the command line itself is wrong.
            """,
        version: GatewayVersion.string,
        subcommands: [Run.self, Validate.self, Probe.self, Status.self, Simulate.self, Demo.self, EventsCommand.self, TestAlarmCommand.self]
    )
}
