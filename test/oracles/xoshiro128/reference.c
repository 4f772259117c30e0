/* Oracle for src/random/rng.ts: the authors' xoshiro128** 1.1 and splitmix64 reference code
 * (Blackman & Vigna, public domain, https://prng.di.unimi.it/xoshiro128starstar.c and
 * splitmix64.c), with the kit's seeding rule: s[0..3] = lo/hi halves of two splitmix64
 * outputs of the seed. Prints JSON fixtures to stdout. */
#include <stdint.h>
#include <stdio.h>

static uint64_t sm_x;
static uint64_t splitmix64_next(void) {
  uint64_t z = (sm_x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t s[4];
static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

static void seed(uint64_t v) {
  sm_x = v;
  uint64_t a = splitmix64_next(), b = splitmix64_next();
  s[0] = (uint32_t)a; s[1] = (uint32_t)(a >> 32); s[2] = (uint32_t)b; s[3] = (uint32_t)(b >> 32);
}

int main(void) {
  const uint64_t seeds[] = {0ULL, 1ULL, 42ULL, 20240117ULL, 9007199254740991ULL};
  printf("{\n  \"source\": \"test/oracles/xoshiro128/reference.c (Blackman & Vigna reference code)\",\n  \"cases\": [\n");
  for (int i = 0; i < 5; i++) {
    seed(seeds[i]);
    printf("    {\"seed\": %llu, \"uint32\": [", (unsigned long long)seeds[i]);
    for (int j = 0; j < 16; j++) printf("%s%u", j ? ", " : "", next());
    printf("]}%s\n", i < 4 ? "," : "");
  }
  printf("  ]\n}\n");
  return 0;
}
