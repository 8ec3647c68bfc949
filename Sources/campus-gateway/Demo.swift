import ArgumentParser

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the bundled demo site end to end.")
    func run() async throws {}
}
