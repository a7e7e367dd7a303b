/** HubSpot's search limits (its CRM search guide; none of them is in the OpenAPI files but the page size). */

/** Records one search request returns at most. */
export const SEARCH_PAGE_SIZE = 200;

/** Records one search query serves at most, however it is paged: asking beyond it is a 400. */
export const MAX_SEARCH_RESULTS = 10_000;

/** Search requests per second per account; search answers carry no rate-limit headers to learn it from. */
export const SEARCH_REQUESTS_PER_SECOND = 5;
