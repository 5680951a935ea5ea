//! `token-sandbox`: run the local Marketplace API.

use clap::{Parser, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options, DEFAULT_DEMO_SECRET};
use token_sandbox::store::Store;
use token_sandbox::validate::Strictness;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Seed {
    /// The demo account: dozens of modules and tokens.
    Demo,
    /// Nothing: an empty database (requests will fail until something is seeded).
    None,
}

/// A local SoftwareOne Marketplace API for api-tokens and modules, over SQLite.
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
    /// Address to listen on (port 0 picks a free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8787")]
    addr: SocketAddr,
    /// SQLite file, created and migrated on start; `:memory:` for a throwaway database.
    #[arg(long, default_value = ":memory:")]
    db: String,
    /// What to fill an empty database with.
    #[arg(long, value_enum, default_value = "demo")]
    seed: Seed,
    /// Wipe the database and seed it again even if it already holds data.
    #[arg(long)]
    reset: bool,
    /// How many demo tokens to seed.
    #[arg(long, default_value_t = 45)]
    tokens: usize,
    /// Accept and ignore unknown and read-only fields in bodies (default: reject with 400).
    #[arg(long)]
    lenient: bool,
    /// Serve the `/__sandbox/` control API (fault injection, request log, reset).
    #[arg(long)]
    control: bool,
    /// The bearer secret that acts as the account administrator.
    #[arg(long, default_value = DEFAULT_DEMO_SECRET)]
    demo_secret: String,
    /// Also serve this folder (the built app), falling back to its index.html.
    #[arg(long)]
    static_dir: Option<PathBuf>,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(message) = run(cli).await {
        eprintln!("token-sandbox: {message}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Some(parent) = PathBuf::from(&cli.db)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut store =
        Store::open(&cli.db).map_err(|e| format!("cannot open database {}: {e}", cli.db))?;
    let empty = store.is_empty().map_err(|e| e.to_string())?;
    if matches!(cli.seed, Seed::Demo) && (empty || cli.reset) {
        seed_demo(&mut store, cli.tokens).map_err(|e| format!("seeding failed: {e}"))?;
    }
    let options = Options {
        strictness: if cli.lenient {
            Strictness::Lenient
        } else {
            Strictness::Strict
        },
        demo_secret: cli.demo_secret.clone(),
        control: cli.control,
        seed_tokens: cli.tokens,
    };
    let state = Arc::new(AppState::new(store, options));
    let app = token_sandbox::router(state, cli.static_dir.as_deref());
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("token-sandbox listening on http://{addr}");
    println!("  API:         http://{addr}/public/v1/accounts/api-tokens");
    println!(
        "  demo secret: {}   (send `Authorization: Bearer <secret>`)",
        cli.demo_secret
    );
    println!(
        "  database:    {}{}",
        cli.db,
        if cli.control {
            "   control API: /__sandbox/"
        } else {
            ""
        }
    );
    // Connect info gives audit records the client's IP.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Ctrl-C or SIGTERM: finish in-flight requests and exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
