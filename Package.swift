// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ledger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ledger", targets: ["ledger"])
    ],
    // A ledger on a PostgreSQL server (README, "A shared ledger"): `swift build --traits
    // PostgreSQL`. Off by default, so that a ledger of files needs, builds and links nothing
    // of the server (SPEC §8).
    traits: [
        .trait(name: "PostgreSQL", description: "Ledgers on a PostgreSQL server through libpq (libpq-dev).")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Tests only: an independent RFC 4180 reader to check ledger's CSV output and reader against.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The system SQLite C library (libsqlite3-dev), found through pkg-config.
        .systemLibrary(
            name: "LedgerSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // SHA-256 for the log's hash chain, from GNU Nettle (nettle-dev), found through pkg-config.
        // Chosen over swift-crypto (+61 s clean build, binary 8.7 → 32 MB) and the system's
        // libcrypto (+1.7 ms start-up): +0.5 s build, +0.3 ms start-up (measured on this machine).
        .systemLibrary(
            name: "LedgerNettle",
            pkgConfig: "nettle",
            providers: [.apt(["nettle-dev"]), .brew(["nettle"])]
        ),
        // The PostgreSQL client library (libpq-dev), found through pkg-config; linked only with
        // the PostgreSQL trait.
        .systemLibrary(
            name: "LedgerPostgreSQL",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // C library calls the Glibc module leaves out (mallopt, getrandom); headers only.
        .systemLibrary(name: "LedgerSystem"),
        // Domain, status rules, storage: no argument parsing, no printing.
        .target(
            name: "LedgerCore",
            dependencies: [
                "LedgerSQLite", "LedgerNettle", "LedgerSystem",
                .target(name: "LedgerPostgreSQL", condition: .when(traits: ["PostgreSQL"])),
            ],
            resources: [.embedInCode("schema.sql"), .embedInCode("schema-postgresql.sql")]
        ),
        // The command line: parses arguments, calls LedgerCore, prints.
        .executableTarget(
            name: "ledger",
            dependencies: [
                "LedgerCore", "LedgerSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers both test targets use: a seeded generator, temporary folders.
        .target(name: "LedgerTestSupport", path: "Tests/LedgerTestSupport"),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerTestSupport"], exclude: ["Fuzz/Regressions"]),
        .testTarget(
            name: "ledgerTests",
            dependencies: ["ledger", "LedgerCore", "LedgerTestSupport", .product(name: "CSV", package: "CSV.swift")],
            exclude: ["Golden", "Fixtures"]
        ),
    ]
)
