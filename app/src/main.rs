//! Entry point of the WASM bundle: install the panic hook, then mount every widget on the page.

fn main() {
    console_error_panic_hook::set_once();
    app::mount_widgets();
}
