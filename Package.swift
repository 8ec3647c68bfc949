// swift-tools-version:6.2
import PackageDescription

// One set of settings for every target: Swift 6 mode, complete strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// The release daemon's link, to keep its resident memory small (docs/benchmarks.md, "Making
// the process lean"): lld packs the relative relocations (DT_RELR, glibc 2.36+), so the
// loader reads 40 KiB of them instead of 2.6 MiB; and no symbol of the executable is
// exported, so those relocations need no symbol look-ups. Debug builds link as before.
let leanReleaseLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux], configuration: .release)
    ),
]

let package = Package(
    name: "campus-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "campus-gateway", targets: ["campus-gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        // The local status page and metrics endpoint. No default traits: swift-configuration is not used.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // Already behind Hummingbird; named for `StatusClient`, which talks HTTP through it.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    ],
    targets: [
        // C libraries: a module map and a one-line header each, nothing else.
        .systemLibrary(
            name: "CModbus",
            pkgConfig: "libmodbus",
            providers: [.apt(["libmodbus-dev"])]
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        .target(name: "GatewayCore", swiftSettings: swiftSettings),
        .target(
            name: "SiteConfig",
            dependencies: ["GatewayCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Modbus", dependencies: ["CModbus", "GatewayCore"], swiftSettings: swiftSettings),
        .target(
            name: "Polling",
            dependencies: ["Modbus", "SiteConfig", "GatewayCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventRouter",
            dependencies: ["GatewayCore", "SiteConfig", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Journal",
            dependencies: [
                "CSQLite", "GatewayCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Uplinks",
            dependencies: [
                "CMosquitto", "GatewayCore", "EventRouter", "SiteConfig", "Journal",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulator",
            dependencies: ["Modbus", "SiteConfig", "GatewayCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StatusPage",
            dependencies: [
                "GatewayCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "GatewayCore", "SiteConfig", "Polling", "EventRouter", "Uplinks", "Journal", "StatusPage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "campus-gateway",
            dependencies: [
                "Gateway", "Simulator", "SiteConfig", "GatewayCore", "Uplinks", "EventRouter", "Journal", "Modbus", "Polling", "StatusPage",
                // The demo runs the same private broker and subscriber the integration tests use.
                "GatewayTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: leanReleaseLinking
        ),

        // Test harness shipped as its own target: a real mosquitto on a free port, the simulator.
        .target(
            name: "GatewayTesting",
            dependencies: ["Uplinks", "Simulator", "SiteConfig", "GatewayCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "GatewayCoreTests", dependencies: ["GatewayCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SiteConfigTests",
            dependencies: ["SiteConfig"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EventRouterTests", dependencies: ["EventRouter"], swiftSettings: swiftSettings),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "GatewayTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "PollingTests", dependencies: ["Polling", "Simulator", "GatewayTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "UplinksTests", dependencies: ["Uplinks", "GatewayTesting", "Journal"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JournalTests",
            dependencies: [
                "Journal", "GatewayTesting", "Gateway", "SiteConfig", "GatewayFlood",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Floods a journaled gateway until killed: the crash test's child process.
        .executableTarget(
            name: "GatewayFlood",
            dependencies: ["Gateway", "SiteConfig", "GatewayCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Tools/GatewayFlood",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Modbus", "GatewayTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "GatewayTesting", "Simulator", "SiteConfig", "GatewayCore", "StatusPage", "Journal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StatusPageTests", dependencies: ["StatusPage"], swiftSettings: swiftSettings),
        .testTarget(name: "CLITests", dependencies: ["GatewayTesting", "Uplinks", "Journal", "GatewayCore", "Simulator", "SiteConfig", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
    ]
)

// End-to-end benchmark (Benchmarks/GatewayBench, see docs/benchmarks.md): only when
// CAMPUS_GATEWAY_BENCHMARKS is set, so the normal build and `make test` stay fast.
if Context.environment["CAMPUS_GATEWAY_BENCHMARKS"] != nil {
    // What the process-level benchmarks share: child processes, /proc readers, CPU and
    // memory sampling, latency percentiles, the simulator's control port.
    package.targets.append(
        .target(
            name: "BenchSupport",
            dependencies: ["GatewayTesting", "GatewayCore"],
            path: "Benchmarks/BenchSupport",
            swiftSettings: swiftSettings
        )
    )
    package.targets.append(
        .executableTarget(
            name: "GatewayBench",
            dependencies: [
                "BenchSupport", "GatewayTesting", "GatewayCore", "Uplinks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/GatewayBench",
            swiftSettings: swiftSettings
        )
    )
    // Router micro-benchmark (docs/benchmarks.md, "The event router"): throughput, latency,
    // heap allocations per event (counted by a malloc interposer of its own), lane order.
    package.targets.append(contentsOf: [
        .target(name: "CAllocationCounter", path: "Benchmarks/CAllocationCounter"),
        .executableTarget(
            name: "RouterBench",
            dependencies: ["EventRouter", "SiteConfig", "GatewayCore", "CAllocationCounter"],
            path: "Benchmarks/RouterBench",
            swiftSettings: swiftSettings
        ),
    ])
    // Polling alone (docs/benchmarks.md, "Polling"): requests/s, CPU and memory of N devices.
    package.targets.append(
        .executableTarget(
            name: "PollBench",
            dependencies: [
                "GatewayTesting", "GatewayCore", "Polling", "SiteConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/PollBench",
            swiftSettings: swiftSettings
        )
    )
    // Journal replay after an outage (docs/benchmarks.md, "Replay"): the gateway's journal
    // and uplink in a child process, a broker that is down while 100 000 events are written.
    package.targets.append(
        .executableTarget(
            name: "ReplayBench",
            dependencies: [
                "BenchSupport", "GatewayTesting", "GatewayCore", "Gateway", "Journal", "SiteConfig", "Uplinks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/ReplayBench",
            swiftSettings: swiftSettings
        )
    )
    // NeuronEX scenarios, commands under load and the soak (docs/benchmarks.md, "NeuronEX
    // scenarios", "Soak"): the release gateway polling up to 100 000 f32 points.
    package.targets.append(
        .executableTarget(
            name: "ScaleBench",
            dependencies: [
                "BenchSupport", "GatewayTesting", "GatewayCore", "Uplinks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/ScaleBench",
            swiftSettings: swiftSettings
        )
    )
}

// Fuzzing (Tests/Fuzz, docs/fuzzing.md). FuzzEntries holds what each fuzzer feeds its parser;
// FuzzTests runs every committed corpus input and crash reproducer through it in `make test`.
package.targets.append(contentsOf: [
    .target(
        name: "FuzzEntries",
        dependencies: ["SiteConfig", "Uplinks", "Polling", "Simulator", "GatewayCore"],
        path: "Tests/Fuzz/FuzzEntries",
        swiftSettings: swiftSettings
    ),
    .testTarget(name: "FuzzTests", dependencies: ["FuzzEntries"], path: "Tests/Fuzz/FuzzTests", swiftSettings: swiftSettings),
])
// The libFuzzer executables: only when CAMPUS_GATEWAY_FUZZ is set, since they only link
// with `-sanitize=fuzzer` (`make fuzz`).
if Context.environment["CAMPUS_GATEWAY_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Tests/Fuzz/FuzzDriver", swiftSettings: swiftSettings))
    for fuzzer in ["SiteConfigFuzzer", "PlatformCommandFuzzer", "PointDecoderFuzzer"] {
        package.targets.append(
            .executableTarget(
                name: fuzzer,
                dependencies: ["FuzzDriver", "FuzzEntries"],
                path: "Tests/Fuzz/\(fuzzer)",
                swiftSettings: swiftSettings
            )
        )
    }
}
