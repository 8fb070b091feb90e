//! Puts the C ABI library (`libzhscreen.so` of `bindings/c`, a dependency of this package built
//! by cargo into the `deps` directory of this build) on the link path and the run-time path of
//! the fuzz targets and the replay test.

use std::path::PathBuf;

fn main() {
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<package>-<hash>/out.
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let deps = out
        .ancestors()
        .nth(3)
        .expect("OUT_DIR lies three levels under the profile directory")
        .join("deps");
    println!("cargo:rustc-link-search=native={}", deps.display());
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", deps.display());
    println!("cargo:rerun-if-changed=build.rs");
}
