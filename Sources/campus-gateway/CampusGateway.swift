import ArgumentParser

@main
struct CampusGateway: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campus-gateway",
        abstract: "Polls campus security devices over Modbus and publishes their events over MQTT."
    )
}
