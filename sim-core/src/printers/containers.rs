//! Helpers shared by the workload printers.

use crate::model::Container;

/// `layoutContainerCells`: container names and images, each comma-separated.
pub fn layout_containers(containers: &[Container]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}
