/**
 * Every item of every page of an SDK paginator, e.g.
 * `allItems(paginateDescribeDBClusters({ client }, {}), (page) => page.DBClusters)`.
 */
export async function allItems<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}
