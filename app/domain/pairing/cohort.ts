/**
 * The optimal cohort of a region: each open request paired with at most one mentoring pole, each
 * pole given at most its remaining capacity, the total score as high as possible. Exact, by a
 * minimum-cost flow written here (no solver dependency), on the network
 *
 *   request →(1, −score) pole →(capacity, 0) sink,   request →(1, 0) sink   ("left unassigned")
 *
 * where every request sends one unit: through a pole, or straight to the sink at no gain. Only
 * pairs with a positive score are edges, so only they are ever taken. Requests of the same pole
 * (`groupOf`) reach a mentoring pole through one shared node of capacity 1, since two poles are
 * paired at most once: request →(1, −score) (group, pole) →(1, 0) pole.
 * Solved by successive shortest paths with potentials, one request at a time (as the Hungarian
 * method adds one row at a time): once requests 1..k are routed at minimum cost, routing request
 * k+1 along its cheapest path in the residual graph (a Dijkstra on reduced costs, stopped when
 * the sink is settled) keeps the routing of 1..k+1 at minimum cost. The path may move other
 * requests to other poles, or leave one of them unassigned when the newcomer gains more.
 * Each Dijkstra stays near its request while poles have room, which keeps 2,000 × 500 fast.
 * Scores are scaled to integers (`precision`) so reduced costs compare exactly.
 */

export type CohortPole = { id: string; capacity: number };
export type CohortPair = { requestId: string; poleId: string; score: number };
export type CohortInput = {
  requestIds: readonly string[];
  poles: readonly CohortPole[];
  pairs: readonly CohortPair[];
  /**
   * Each request's group: the pole that asks. A pole is paired at most once with the same mentoring
   * pole, however many requests it has open (one twinning per pair of poles).
   */
  groupOf?: ReadonlyMap<string, string>;
};
export type Cohort = { assignments: CohortPair[]; total: number };

/** Scores are rounded to 1/precision before solving: ties closer than that are broken arbitrarily. */
const defaultPrecision = 1000;

export function optimalCohort(input: CohortInput, options: { precision?: number } = {}): Cohort {
  const precision = options.precision ?? defaultPrecision;
  const requestIndex = new Map<string, number>();
  input.requestIds.forEach((id, index) => requestIndex.set(id, index));
  const poleIndex = new Map<string, number>();
  input.poles.forEach((pole, index) => poleIndex.set(pole.id, index));

  const requestCount = input.requestIds.length;
  const poleCount = input.poles.length;
  // Nodes: requests 0..R-1, poles R..R+P-1, the sink, then one node per (group, pole) in use.
  const sink = requestCount + poleCount;
  const poleNode = (index: number) => requestCount + index;

  const usable: { pair: CohortPair; request: number; pole: number; cost: number; via: number | null }[] = [];
  const hasPair = new Uint8Array(requestCount);
  // A group's requests reach a pole through one node of capacity 1: the pole takes at most one of them.
  const groupNodes = new Map<string, { node: number; pole: number }>();
  for (const pair of input.pairs) {
    const request = requestIndex.get(pair.requestId);
    const pole = poleIndex.get(pair.poleId);
    if (request === undefined || pole === undefined) continue;
    const cost = -Math.round(pair.score * precision);
    if (cost >= 0 || !(input.poles[pole]!.capacity >= 1)) continue;
    const group = input.groupOf?.get(pair.requestId);
    let via: number | null = null;
    if (group !== undefined) {
      const key = `${group}\u0000${pole}`;
      let groupNode = groupNodes.get(key);
      if (!groupNode) groupNodes.set(key, (groupNode = { node: sink + 1 + groupNodes.size, pole }));
      via = groupNode.node;
    }
    usable.push({ pair, request, pole, cost, via });
    hasPair[request] = 1;
  }
  const nodeCount = sink + 1 + groupNodes.size;

  const edgeCapacity = (usable.length + requestCount + poleCount + groupNodes.size) * 2;
  const head = new Int32Array(nodeCount).fill(-1);
  const next = new Int32Array(edgeCapacity);
  const to = new Int32Array(edgeCapacity);
  const capacity = new Int32Array(edgeCapacity);
  const cost = new Float64Array(edgeCapacity);
  let edgeCount = 0;
  const addArc = (from: number, target: number, arcCapacity: number, arcCost: number) => {
    to[edgeCount] = target;
    capacity[edgeCount] = arcCapacity;
    cost[edgeCount] = arcCost;
    next[edgeCount] = head[from]!;
    head[from] = edgeCount++;
  };
  // Edge e and its reverse e ^ 1 are added together.
  const addEdge = (from: number, target: number, edgeCap: number, edgeCost: number) => {
    const index = edgeCount;
    addArc(from, target, edgeCap, edgeCost);
    addArc(target, from, 0, -edgeCost);
    return index;
  };

  input.poles.forEach((pole, index) => {
    if (pole.capacity >= 1) addEdge(poleNode(index), sink, Math.floor(pole.capacity), 0);
  });
  for (let request = 0; request < requestCount; request++) if (hasPair[request]) addEdge(request, sink, 1, 0);
  for (const { node, pole } of groupNodes.values()) addEdge(node, poleNode(pole), 1, 0);
  const pairEdges = usable.map((entry) => addEdge(entry.request, entry.via ?? poleNode(entry.pole), 1, entry.cost));

  // Reduced cost of an edge: cost + potential(from) − potential(to), never negative on an edge
  // with room left. With no flow yet, potentials 0 suit every pole → sink edge.
  const potential = new Float64Array(nodeCount);
  const distance = new Float64Array(nodeCount).fill(Infinity);
  const previousEdge = new Int32Array(nodeCount);
  const touched = new Int32Array(nodeCount);
  const heap = new MinHeap(nodeCount);

  for (let request = 0; request < requestCount; request++) {
    if (!hasPair[request]) continue;
    // The newcomer's potential makes its own edges' reduced costs non-negative.
    let start = potential[sink]!;
    for (let edge = head[request]!; edge !== -1; edge = next[edge]!) {
      const bound = potential[to[edge]!]! - cost[edge]!;
      if (bound > start) start = bound;
    }
    potential[request] = start;

    // Dijkstra from the request, stopped once the sink is settled.
    let touchedCount = 0;
    distance[request] = 0;
    touched[touchedCount++] = request;
    heap.clear();
    heap.push(request, 0);
    while (heap.size > 0) {
      const [node, key] = heap.pop();
      if (key > distance[node]!) continue;
      if (node === sink) break;
      const nodePotential = potential[node]!;
      for (let edge = head[node]!; edge !== -1; edge = next[edge]!) {
        if (capacity[edge]! <= 0) continue;
        const target = to[edge]!;
        const candidate = key + cost[edge]! + nodePotential - potential[target]!;
        if (candidate < distance[target]!) {
          if (distance[target] === Infinity) touched[touchedCount++] = target;
          distance[target] = candidate;
          previousEdge[target] = edge;
          heap.push(target, candidate);
        }
      }
    }
    // The request's own edge to the sink guarantees a path.
    const sinkDistance = distance[sink]!;
    for (let node = sink; node !== request;) {
      const edge = previousEdge[node]!;
      capacity[edge]! -= 1;
      capacity[edge ^ 1]! += 1;
      node = to[edge ^ 1]!;
    }
    // Potentials: + min(distance, distance to the sink), so every untouched node gets the latter.
    for (let index = 0; index < touchedCount; index++) {
      const node = touched[index]!;
      potential[node]! += Math.min(distance[node]!, sinkDistance) - sinkDistance;
      distance[node] = Infinity;
    }
    // Adding the same constant to every potential changes no reduced cost: skip the O(n) pass.
  }

  const assignments: CohortPair[] = [];
  let total = 0;
  usable.forEach((entry, index) => {
    if (capacity[pairEdges[index]!] === 0) {
      assignments.push(entry.pair);
      total += entry.pair.score;
    }
  });
  return { assignments, total };
}

/**
 * For the benchmark's comparison only: takes pairs by decreasing score while both sides are
 * free. Not optimal (see the tests for an instance where it loses).
 */
export function greedyCohort(input: CohortInput): Cohort {
  const remaining = new Map(input.poles.map((pole) => [pole.id, pole.capacity]));
  const requests = new Set(input.requestIds);
  const assigned = new Set<string>();
  const pairedGroups = new Set<string>();
  const assignments: CohortPair[] = [];
  let total = 0;
  const sorted = input.pairs.filter((pair) => pair.score > 0).sort((a, b) => b.score - a.score);
  for (const pair of sorted) {
    const left = remaining.get(pair.poleId) ?? 0;
    const group = input.groupOf?.get(pair.requestId);
    const groupKey = group === undefined ? null : `${group}\u0000${pair.poleId}`;
    if (left <= 0 || !requests.has(pair.requestId) || assigned.has(pair.requestId) || (groupKey !== null && pairedGroups.has(groupKey))) continue;
    remaining.set(pair.poleId, left - 1);
    assigned.add(pair.requestId);
    if (groupKey !== null) pairedGroups.add(groupKey);
    assignments.push(pair);
    total += pair.score;
  }
  return { assignments, total };
}

/** A binary heap of (node, key) with lazy deletion: stale entries are skipped by the caller. */
class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;
  constructor(initialCapacity: number) {
    this.nodes = new Int32Array(Math.max(16, initialCapacity));
    this.keys = new Float64Array(Math.max(16, initialCapacity));
  }
  clear() {
    this.size = 0;
  }
  push(node: number, key: number) {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let index = this.size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.nodes[index] = this.nodes[parent]!;
      this.keys[index] = this.keys[parent]!;
      index = parent;
    }
    this.nodes[index] = node;
    this.keys[index] = key;
  }
  pop(): [number, number] {
    const node = this.nodes[0]!;
    const key = this.keys[0]!;
    const lastNode = this.nodes[--this.size]!;
    const lastKey = this.keys[this.size]!;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= lastKey) break;
      this.nodes[index] = this.nodes[child]!;
      this.keys[index] = this.keys[child]!;
      index = child;
    }
    this.nodes[index] = lastNode;
    this.keys[index] = lastKey;
    return [node, key];
  }
}
