// swift-tools-version:6.1
import PackageDescription

// claimex: HTML news articles in, normalized claims out.
// Stages depend one way: Model ← HTML ← Text ← (Rules ← Extract) ← Claimex ← claimex;
// Output depends on Model only.
let package = Package(
    name: "claimex",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Claimex", targets: ["Claimex"]),
        .executable(name: "claimex", targets: ["claimex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "ClaimexModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ClaimexHTML",
            dependencies: ["ClaimexModel", "CLibXML2"]
        ),
        .target(
            name: "ClaimexText",
            dependencies: ["ClaimexModel", "ClaimexHTML"]
        ),
        .target(
            name: "ClaimexRules",
            dependencies: ["ClaimexModel", "ClaimexText", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ClaimexExtract",
            dependencies: ["ClaimexModel", "ClaimexText", "ClaimexRules"]
        ),
        // The default rules, embedded in the binary so `claimex` works from any folder.
        // SwiftPM embeds only files inside a target's path, hence `path: "."`.
        .target(
            name: "ClaimexDefaultRules",
            path: ".",
            exclude: ["Sources/CLibXML2", "Sources/ClaimexModel", "Sources/ClaimexHTML", "Sources/ClaimexText",
                      "Sources/ClaimexRules", "Sources/ClaimexExtract", "Sources/ClaimexOutput", "Sources/Claimex",
                      "Sources/ClaimexSQLite", "Sources/claimex", "Sources/FuzzPage", "Sources/FuzzRules", "Benchmarks",
                      "scripts", "Tests", "Corpus", "Output", "README.md"],
            sources: ["Sources/ClaimexDefaultRules"],
            resources: [.embedInCode("Rules")]
        ),
        .target(
            name: "ClaimexOutput",
            dependencies: ["ClaimexModel"]
        ),
        .target(
            name: "Claimex",
            dependencies: [
                "ClaimexModel", "ClaimexHTML", "ClaimexText", "ClaimexRules", "ClaimexExtract", "ClaimexOutput",
                "ClaimexDefaultRules",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // SQLite output through GRDB, in its own target so the rest of the library builds without it.
        .target(
            name: "ClaimexSQLite",
            dependencies: ["Claimex", "ClaimexModel", "ClaimexOutput", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // On Linux the command allocates through jemalloc (apt libjemalloc-dev): a page makes
        // and frees some tens of thousands of small blocks, and glibc's malloc spends a tenth
        // of a run on them, more with several workers. Linked into the executable only, it
        // replaces malloc for the whole process, libxml2 included; the library and its tests
        // keep the system allocator.
        .executableTarget(
            name: "claimex",
            dependencies: [
                "Claimex", "ClaimexModel", "ClaimexOutput", "ClaimexSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // libFuzzer targets, built and run by scripts/fuzz (with -DCLAIMEX_FUZZING and
        // -sanitize=fuzzer); a plain build makes stubs that point there.
        .executableTarget(
            name: "FuzzPage",
            dependencies: ["Claimex", "ClaimexHTML", "ClaimexModel", "ClaimexOutput"]
        ),
        .executableTarget(
            name: "FuzzRules",
            dependencies: ["Claimex", "ClaimexModel", "ClaimexRules", "ClaimexText"]
        ),
        .testTarget(name: "ClaimexModelTests", dependencies: ["ClaimexModel"]),
        .testTarget(name: "ClaimexHTMLTests", dependencies: ["ClaimexHTML"]),
        .testTarget(name: "ClaimexTextTests", dependencies: ["ClaimexText", "ClaimexHTML"]),
        .testTarget(name: "ClaimexRulesTests", dependencies: ["ClaimexRules", "ClaimexText"]),
        .testTarget(name: "ClaimexExtractTests", dependencies: ["ClaimexExtract", "ClaimexRules", "ClaimexText"]),
        .testTarget(name: "ClaimexRuleExampleTests", dependencies: ["Claimex", "ClaimexRules"]),
        .testTarget(name: "ClaimexOutputTests", dependencies: ["ClaimexOutput"]),
        .testTarget(name: "ClaimexTests", dependencies: ["Claimex", "ClaimexExtract", "ClaimexOutput"]),
        .testTarget(name: "ClaimexCLITests", dependencies: ["claimex", .product(name: "GRDB", package: "GRDB.swift")]),
        // Hostile pages, limits, output safety and signals, run through the built binary.
        .testTarget(name: "ClaimexHostileTests", dependencies: ["claimex"]),
    ],
    swiftLanguageModes: [.v6]
)
