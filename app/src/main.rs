//! Entry point of the WASM bundle: install the panic hook, then start the app on this page.

fn main() {
    console_error_panic_hook::set_once();
    app::start();
}
