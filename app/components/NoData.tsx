/** Says plainly that no warehouse exists yet, and how it gets filled. */
export function NoData() {
  return (
    <p className="status status-empty" role="status">
      No data is loaded yet: the warehouse does not exist. <code>npm start</code> runs the devnet, indexer and sync that fill it, or run{" "}
      <code>hashfloor sync</code>.
    </p>
  );
}
