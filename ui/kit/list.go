package kit

// PageAhead is how close to the end of the loaded items the list asks for
// the next page: before the person reaches the bottom.
const PageAhead = 10
