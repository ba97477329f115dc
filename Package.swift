// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "gitdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gitdesk", targets: ["gitdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "Clibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(name: "Ccrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "Csqlite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "Cstemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "Ccmark", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "Clibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .systemLibrary(name: "Cgmime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .systemLibrary(name: "Cqrencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // QR codes through libqrencode (the only module that touches its pointers), and the
        // Russian payment code of ГОСТ Р 56042-2014.
        .target(name: "GitdeskQR", dependencies: ["Cqrencode"]),
        // E-mail through GMime (the only module that touches its pointers).
        .target(name: "GitdeskMail", dependencies: ["Cgmime"]),
        // iCalendar files through libical (the only module that touches its pointers).
        .target(name: "GitdeskICal", dependencies: ["Clibical"]),
        // Safe Markdown rendering (cmark-gfm).
        .target(name: "GitdeskMarkdown", dependencies: ["Ccmark"]),
        // The only module that touches libgit2 pointers.
        .target(name: "GitdeskGit", dependencies: ["Clibgit2", "Ccrypto"]),
        // The desk model and its parsing; knows nothing about git.
        .target(name: "GitdeskCore", dependencies: ["Yams", "GitdeskICal"]),
        // The message catalogue: every word gitdesk prints for people, in ru and en, and the
        // number, money, duration and date formats of each language.
        .target(name: "GitdeskWords", dependencies: ["GitdeskCore"]),
        // Desk snapshots read from git and writes committed to git.
        // (the one rule for what refuses a change includes sealed money).
        .target(name: "GitdeskStore", dependencies: ["GitdeskGit", "GitdeskCore", "GitdeskMoney"]),
        // Amounts, balances, statements, reports, the plan and the export.
        .target(name: "GitdeskMoney", dependencies: ["GitdeskCore", "GitdeskWords"]),
        // The sample desk of `gitdesk init --demo`.
        .target(name: "GitdeskDemo", dependencies: ["GitdeskCore", "GitdeskGit", "GitdeskStore"]),
        // What `gitdesk init` copies into a desk.
        .target(name: "GitdeskTemplates", path: "templates", resources: [.copy("desk"), .copy("site"), .copy("ci")]),
        // Audit, disputes and sealed periods: the history as evidence.
        .target(name: "GitdeskAudit", dependencies: ["GitdeskCore", "GitdeskStore", "GitdeskMoney", "GitdeskWords"]),
        // SLA clocks by working time and the reminder helpers.
        .target(name: "GitdeskSLA", dependencies: ["GitdeskCore", "GitdeskStore"]),
        // The knowledge base: full-text search (SQLite FTS5, Snowball stemmers) and wikis.
        .target(name: "GitdeskSearch", dependencies: ["GitdeskCore", "GitdeskStore", "GitdeskWords", "Csqlite3", "Cstemmer"]),
        // The clients' read-only sites.
        .target(name: "GitdeskSite", dependencies: [
            "GitdeskCore", "GitdeskGit", "GitdeskStore", "GitdeskMoney", "GitdeskSLA", "GitdeskMarkdown", "GitdeskSearch", "GitdeskWords", "GitdeskQR",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The lead's dashboard: the economics over time as one static page of inline SVG.
        .target(name: "GitdeskDashboard", dependencies: ["GitdeskCore", "GitdeskMoney", "GitdeskSLA", "GitdeskStore", "GitdeskWords"]),
        // Intake: e-mail (eml, maildir, mbox) and chat exports into tickets.
        .target(name: "GitdeskIntake", dependencies: ["GitdeskCore", "GitdeskStore", "GitdeskMail", "GitdeskMoney", "GitdeskWords"]),
        .executableTarget(
            name: "gitdesk",
            dependencies: [
                "GitdeskCore", "GitdeskGit", "GitdeskStore", "GitdeskMoney", "GitdeskTemplates", "GitdeskDemo", "GitdeskAudit", "GitdeskSLA", "GitdeskSearch", "GitdeskMarkdown", "GitdeskSite", "GitdeskIntake", "GitdeskDashboard", "GitdeskWords", "GitdeskMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Developer tool: benchmark desk generator.
        .executableTarget(
            name: "gitdesk-bench",
            dependencies: ["GitdeskCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GitdeskCoreTests", dependencies: ["GitdeskCore", "GitdeskWords"]),
        .testTarget(name: "GitdeskGitTests", dependencies: ["GitdeskGit"]),
        .testTarget(name: "GitdeskQRTests", dependencies: ["GitdeskQR"]),
        .testTarget(name: "GitdeskMoneyTests", dependencies: ["GitdeskMoney", "GitdeskCore", "GitdeskWords"], exclude: ["Fixtures"]),
        .testTarget(name: "GitdeskAuditTests", dependencies: ["GitdeskAudit", "GitdeskCore", "GitdeskMoney"]),
        .testTarget(name: "GitdeskSLATests", dependencies: ["GitdeskSLA", "GitdeskCore"]),
        .testTarget(name: "GitdeskSearchTests", dependencies: ["GitdeskSearch", "GitdeskCore", "GitdeskGit", "GitdeskMarkdown"]),
        .testTarget(name: "GitdeskIntakeTests", dependencies: ["GitdeskIntake", "GitdeskCore", "GitdeskMail"], exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GitdeskCore"], exclude: ["Snapshots", "Tools"]),
    ]
)
