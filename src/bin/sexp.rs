fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = cio_lint::syntax::Language::from_extension(&args[1]).unwrap();
    let src = std::fs::read_to_string(&args[2]).unwrap();
    let doc = cio_lint::syntax::Document::new(lang, src, 0).unwrap();
    println!("{}", doc.tree().root_node().to_sexp());
}
