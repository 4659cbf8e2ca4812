//! `kubesim`: the simulator on the command line.

fn main() {
    eprintln!("kubesim: no commands yet");
    std::process::exit(2);
}
