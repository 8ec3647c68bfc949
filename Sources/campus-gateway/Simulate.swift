import ArgumentParser

struct Simulate: AsyncParsableCommand {
    func run() async throws {}
}
