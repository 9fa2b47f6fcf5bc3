/** The benchmark's bare Next.js app (bench/floor): defaults only, as the framework ships. */
const floorConfig = { poweredByHeader: false };
export default floorConfig;
