//! `token-sandbox`: run the local Marketplace API.

use clap::{Parser, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use token_sandbox::seed::{seed_demo_sized, DEMO_MODULES};
use token_sandbox::state::{random_secret, AppState, Options, CONTROL_HEADER, DEFAULT_DEMO_SECRET};
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
    /// How many catalogue modules to seed (more than the demo's 36 adds generated ones, to
    /// page through a catalogue of over 100).
    #[arg(long, default_value_t = DEMO_MODULES)]
    modules: usize,
    /// Refuse read-only and unknown fields in bodies with a 400 (default: ignore them, as the
    /// platform's docs say). The project's end-to-end suite runs this way.
    #[arg(long)]
    strict: bool,
    /// Serve the `/__sandbox/` control API (fault injection, request log, reset). It requires
    /// the control secret (printed at start) in the `x-sandbox-control` header and answers
    /// no CORS.
    #[arg(long)]
    control: bool,
    /// The control secret (default: a fresh random one each run).
    #[arg(long, value_name = "SECRET")]
    control_secret: Option<String>,
    /// The bearer secret that acts as the account administrator.
    #[arg(long, default_value = DEFAULT_DEMO_SECRET)]
    demo_secret: String,
    /// Send no CORS headers, as an API that does not allow the app's origin (browsers then
    /// refuse its answers to pages of other origins).
    #[arg(long)]
    no_cors: bool,
    /// Answer 429 Too Many Requests (with `Retry-After`) to a bearer's requests beyond N per
    /// second (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 0)]
    rate_limit: u32,
    /// Also serve this folder (the built app) as the CDN does: with the headers of its
    /// `_headers` file, 404 for missing files, index.html for page navigations.
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
        seed_demo_sized(&mut store, cli.tokens, cli.modules)
            .map_err(|e| format!("seeding failed: {e}"))?;
    }
    let control_secret = cli.control_secret.clone().unwrap_or_else(random_secret);
    let options = Options {
        strictness: if cli.strict {
            Strictness::Strict
        } else {
            Strictness::Lenient
        },
        demo_secret: cli.demo_secret.clone(),
        control: cli.control,
        control_secret: control_secret.clone(),
        seed_tokens: cli.tokens,
        seed_modules: cli.modules,
        cors: !cli.no_cors,
        rate_limit: cli.rate_limit,
        ..Options::default()
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
        "  database:    {}   bodies: {}",
        cli.db,
        if cli.strict {
            "strict (read-only and unknown fields are refused)"
        } else {
            "lenient (read-only and unknown fields are ignored)"
        }
    );
    if cli.control {
        println!("  control API: http://{addr}/__sandbox/ with header {CONTROL_HEADER}: {control_secret}");
    }
    // The server loop gives each request the client's IP (for audit records).
    token_sandbox::server::serve(listener, app, shutdown_signal()).await;
    Ok(())
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
