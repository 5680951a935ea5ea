//! `cargo xtask bench`: bundle sizes, and the sandbox's list throughput.

use crate::paths;
use crate::proc::exec;
use crate::{build, sizes};
use std::process::Command;

pub fn run() -> Result<(), String> {
    let total = build::run(&[])?;
    println!("total brotli: {}", sizes::kb(total.brotli));
    exec(Command::new("cargo").current_dir(paths::root()).args([
        "bench",
        "-p",
        "token-sandbox",
        "--bench",
        "list_throughput",
    ]))
}
