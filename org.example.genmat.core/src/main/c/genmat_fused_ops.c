/*
 * GenMat's fused CPU kernels for TensorFlow, loaded with TF_LoadLibrary (org.example.genmat.core.net.FusedKernels).
 *
 * Why: a hidden layer "layer norm -> LeakyReLU" costs about 20 passes over a batch x width activation when
 * written with TensorFlow's element-wise ops (forward and hand-written backward, see Layers.java); these two
 * kernels do the same work in one pass over each row (the row stays in L1 cache), which is what makes a VAE
 * training step on one CPU thread markedly faster (measured in `genmat bench train`).
 *
 *   GenmatLayerNormLeakyRelu(x [B,F], gain [F], bias [F]; epsilon, alpha)
 *     -> y = LeakyReLU_alpha(normed * gain + bias), mean [B], rstd [B]
 *        (normed = (x - mean) * rstd, mean and biased variance per row, rstd = 1 / sqrt(var + epsilon); normed
 *        is not written out: the reverse recomputes it from x bit for bit, which saves a [B,F] store and load)
 *   GenmatLayerNormLeakyReluGrad(dy [B,F], x [B,F], mean [B], rstd [B], gain [F], bias [F]; alpha)
 *     -> dx [B,F], dgain [F], dbias [F], dx_column_sums [F] (= the bias gradient of the layer before)
 *        du = dy * (u > 0 ? 1 : alpha) with u = normed * gain + bias recomputed (reading y would cost a pass),
 *        dgain = sum_rows du * normed, dbias = sum_rows du,
 *        dn = du * gain, dx = rstd * (dn - mean_row(dn) - normed * mean_row(dn * normed))
 *   GenmatMatMul(a, b, bias), GenmatMatMulTransposeA (a^T . b), GenmatMatMulTransposeB (a . b^T)
 *     -> the product (+ bias when bias has N elements, none when it is empty): the products of a training
 *        step whose output has a thin side (8 or 16 columns: encoder heads, output layer, the gradient into
 *        the latent rows), which oneDNN ran at 15-40 GFLOP/s inside a step (see small_product below).
 *
 * Sums run in a fixed order (32 partial lanes, then rows in order), so results are the same on every run.
 * Only the stable TensorFlow C API (tensorflow/c/kernels.h, ops.h, tf_tensor.h, tf_status.h) is used; its
 * few declarations are written out below so that the build needs no TensorFlow headers.
 */
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

typedef struct TF_Status TF_Status;
typedef struct TF_Tensor TF_Tensor;
typedef struct TF_KernelBuilder TF_KernelBuilder;
typedef struct TF_OpKernelConstruction TF_OpKernelConstruction;
typedef struct TF_OpKernelContext TF_OpKernelContext;
typedef struct TF_OpDefinitionBuilder TF_OpDefinitionBuilder;
typedef struct TF_ShapeInferenceContext TF_ShapeInferenceContext;
typedef struct TF_ShapeHandle TF_ShapeHandle;
typedef enum TF_DataType { GENMAT_TF_FLOAT = 1 } TF_DataType;
typedef enum TF_Code { GENMAT_TF_OK = 0, GENMAT_TF_INVALID_ARGUMENT = 3 } TF_Code;

extern TF_Status *TF_NewStatus(void);
extern void TF_DeleteStatus(TF_Status *);
extern TF_Code TF_GetCode(const TF_Status *);
extern void TF_SetStatus(TF_Status *, TF_Code, const char *);
extern void *TF_TensorData(const TF_Tensor *);
extern int TF_NumDims(const TF_Tensor *);
extern int64_t TF_Dim(const TF_Tensor *, int);
extern void TF_DeleteTensor(TF_Tensor *);

extern TF_KernelBuilder *TF_NewKernelBuilder(const char *, const char *, void *(*)(TF_OpKernelConstruction *),
                                             void (*)(void *, TF_OpKernelContext *), void (*)(void *));
extern void TF_RegisterKernelBuilder(const char *, TF_KernelBuilder *, TF_Status *);
extern void TF_GetInput(TF_OpKernelContext *, int, TF_Tensor **, TF_Status *);
extern TF_Tensor *TF_AllocateOutput(TF_OpKernelContext *, int, TF_DataType, const int64_t *, int, size_t, TF_Status *);
extern void TF_OpKernelContext_Failure(TF_OpKernelContext *, TF_Status *);
extern void TF_OpKernelConstruction_GetAttrFloat(TF_OpKernelConstruction *, const char *, float *, TF_Status *);
extern void TF_OpKernelConstruction_Failure(TF_OpKernelConstruction *, TF_Status *);

extern TF_OpDefinitionBuilder *TF_NewOpDefinitionBuilder(const char *);
extern void TF_OpDefinitionBuilderAddInput(TF_OpDefinitionBuilder *, const char *);
extern void TF_OpDefinitionBuilderAddOutput(TF_OpDefinitionBuilder *, const char *);
extern void TF_OpDefinitionBuilderAddAttr(TF_OpDefinitionBuilder *, const char *);
extern void TF_OpDefinitionBuilderSetShapeInferenceFunction(TF_OpDefinitionBuilder *,
                                                            void (*)(TF_ShapeInferenceContext *, TF_Status *));
extern void TF_RegisterOpDefinition(TF_OpDefinitionBuilder *, TF_Status *);
extern TF_ShapeHandle *TF_NewShapeHandle(void);
extern void TF_DeleteShapeHandle(TF_ShapeHandle *);
extern void TF_ShapeInferenceContextGetInput(TF_ShapeInferenceContext *, int, TF_ShapeHandle *, TF_Status *);
extern void TF_ShapeInferenceContextSetOutput(TF_ShapeInferenceContext *, int, TF_ShapeHandle *, TF_Status *);
extern void TF_ShapeInferenceContextConcatenateShapes(TF_ShapeInferenceContext *, TF_ShapeHandle *, TF_ShapeHandle *,
                                                      TF_ShapeHandle *, TF_Status *);
extern void TF_ShapeInferenceContextSubshape(TF_ShapeInferenceContext *, TF_ShapeHandle *, int64_t, int64_t,
                                             TF_ShapeHandle *, TF_Status *);

#define LANES 32

/* Folds 32 partial sums in a fixed order. */
static inline float fold_lanes(const float *acc) {
    float s8[8];
    for (int k = 0; k < 8; k++) {
        s8[k] = (acc[k] + acc[k + 8]) + (acc[k + 16] + acc[k + 24]);
    }
    return ((s8[0] + s8[1]) + (s8[2] + s8[3])) + ((s8[4] + s8[5]) + (s8[6] + s8[7]));
}

/* Sum of v[0..n) in a fixed order: 32 interleaved partial sums (four independent vector chains, so the adds
 * overlap instead of waiting on each other), then the tail. */
static inline float sum_row(const float *restrict v, int64_t n) {
    float acc[LANES] = {0};
    int64_t j = 0;
    for (; j + LANES <= n; j += LANES) {
        for (int k = 0; k < LANES; k++) {
            acc[k] += v[j + k];
        }
    }
    float s = fold_lanes(acc);
    for (; j < n; j++) {
        s += v[j];
    }
    return s;
}

/* One clone per instruction set, picked when the library loads: AVX2 where the CPU has it, else SSE2. */
#define CLONES __attribute__((target_clones("avx2", "default")))

/* The forward kernel's arithmetic on plain arrays (row-major x, y [rows x width]; means, rstd [rows]). */
CLONES void layer_norm_leaky_relu(const float *restrict x, const float *restrict g, const float *restrict b,
                                  float *restrict y, float *restrict means, float *restrict rstd, int64_t rows,
                                  int64_t width, float epsilon, float alpha) {
    for (int64_t i = 0; i < rows; i++) {
        const float *restrict xr = x + i * width;
        float *restrict yr = y + i * width;
        float mean = sum_row(xr, width) / (float) width;
        means[i] = mean;
        float acc[LANES] = {0};
        int64_t j = 0;
        for (; j + LANES <= width; j += LANES) {
            for (int k = 0; k < LANES; k++) {
                float c = xr[j + k] - mean;
                acc[k] += c * c;
            }
        }
        float squares = fold_lanes(acc);
        for (; j < width; j++) {
            float c = xr[j] - mean;
            squares += c * c;
        }
        float r = 1.0f / sqrtf(squares / (float) width + epsilon);
        rstd[i] = r;
        for (j = 0; j < width; j++) {
            float n = (xr[j] - mean) * r; /* the reverse repeats this expression: same bits */
            float u = n * g[j] + b[j];
            yr[j] = u > 0.0f ? u : u * alpha;
        }
    }
}

/* One element of the reverse's first pass: du, the gain and bias gradients, dn (returned, stored in dx). */
static inline float reverse_element(float dyv, float n, float g, float bias, float alpha, float *restrict dg,
                                    float *restrict db) {
    float u = n * g + bias; /* the forward's pre-activation, recomputed bit for bit */
    float du = u > 0.0f ? dyv : dyv * alpha;
    *dg += du * n;
    *db += du;
    return du * g;
}

/* The reverse kernel's arithmetic on plain arrays: one pass for du, dgain, dbias and the two row means of
 * dn and dn * normed, one pass for dx and its column sums; normed is recomputed from x in each. */
CLONES void layer_norm_leaky_relu_grad(const float *restrict dy, const float *restrict x,
                                       const float *restrict means, const float *restrict rstd,
                                       const float *restrict g, const float *restrict bias, float *restrict dx,
                                       float *restrict dg, float *restrict db, float *restrict dxsum, int64_t rows,
                                       int64_t width, float alpha) {
    const float inv = 1.0f / (float) width;
    for (int64_t j = 0; j < width; j++) {
        dg[j] = 0.0f;
        db[j] = 0.0f;
        dxsum[j] = 0.0f;
    }
    for (int64_t i = 0; i < rows; i++) {
        const float *restrict dyr = dy + i * width;
        const float *restrict xr = x + i * width;
        float *restrict dxr = dx + i * width; /* holds dn until it is overwritten with dx */
        const float mean = means[i];
        const float r = rstd[i];
        float a1[LANES] = {0};
        float a2[LANES] = {0};
        int64_t j = 0;
        for (; j + LANES <= width; j += LANES) {
            for (int k = 0; k < LANES; k++) {
                float n = (xr[j + k] - mean) * r;
                float dn = reverse_element(dyr[j + k], n, g[j + k], bias[j + k], alpha, &dg[j + k], &db[j + k]);
                dxr[j + k] = dn;
                a1[k] += dn;
                a2[k] += dn * n;
            }
        }
        float m1 = fold_lanes(a1);
        float m2 = fold_lanes(a2);
        for (; j < width; j++) {
            float n = (xr[j] - mean) * r;
            float dn = reverse_element(dyr[j], n, g[j], bias[j], alpha, &dg[j], &db[j]);
            dxr[j] = dn;
            m1 += dn;
            m2 += dn * n;
        }
        m1 *= inv;
        m2 *= inv;
        for (j = 0; j < width; j++) {
            float n = (xr[j] - mean) * r;
            float v = r * (dxr[j] - m1 - n * m2);
            dxr[j] = v;
            dxsum[j] += v;
        }
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))

/*
 * Two AVX2 kernels, each keeping 8 accumulator registers busy (50-75 GFLOP/s measured in isolation):
 *   nt_dot:   C[M,N] = A[M,K] . Bt[N,K]^T as dot products along k (a thin N),
 *   tn_bcast: C[P,Q] = X[R,P]^T . Y[R,Q], vector along q, rows summed in order (weight gradients; the
 *             thin side is P).
 * Every output element is summed in a fixed order, so results are the same on every run. CPUs without
 * AVX2/FMA, and layouts neither kernel fits, take a plain loop (same mathematics, other rounding).
 */

/* Asks for bytes [p, p + n) ahead of use: the activations a product reads were written long before (in the
 * forward pass) and come from memory; fetched in row order they arrive while the previous rows compute. */
static inline void prefetch_range(const float *p, int64_t n) {
    const char *c = (const char *) p;
    for (int64_t off = 0; off < n * (int64_t) sizeof(float); off += 64) {
        _mm_prefetch(c + off, _MM_HINT_T0);
    }
}

/* RB rows x NB columns of C as dot products: 8 lane sums along k, folded in a fixed order, then the k tail. */
#define NT_BLOCK(RB, NB)                                                                                      \
    AVX2 static void nt_##RB##x##NB(const float *A, const float *Bt, const float *bias, float *C, int64_t i0, \
                                    int64_t n0, int64_t K, int64_t N) {                                       \
        __m256 acc[RB][NB];                                                                                   \
        for (int r = 0; r < RB; r++)                                                                          \
            for (int n = 0; n < NB; n++) acc[r][n] = _mm256_setzero_ps();                                     \
        int64_t k = 0;                                                                                        \
        for (; k + 8 <= K; k += 8) {                                                                          \
            __m256 a[RB];                                                                                     \
            for (int r = 0; r < RB; r++) a[r] = _mm256_loadu_ps(A + (i0 + r) * K + k);                        \
            for (int n = 0; n < NB; n++) {                                                                    \
                __m256 b = _mm256_loadu_ps(Bt + (n0 + n) * K + k);                                            \
                for (int r = 0; r < RB; r++) acc[r][n] = _mm256_fmadd_ps(a[r], b, acc[r][n]);                 \
            }                                                                                                 \
        }                                                                                                     \
        for (int r = 0; r < RB; r++)                                                                          \
            for (int n = 0; n < NB; n++) {                                                                    \
                float l[8];                                                                                   \
                _mm256_storeu_ps(l, acc[r][n]);                                                               \
                float s = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));                 \
                for (int64_t t = k; t < K; t++) s = fmaf(A[(i0 + r) * K + t], Bt[(n0 + n) * K + t], s);       \
                C[(i0 + r) * N + n0 + n] = bias ? s + bias[n0 + n] : s;                                       \
            }                                                                                                 \
    }
NT_BLOCK(3, 4)
NT_BLOCK(1, 4)
NT_BLOCK(3, 1)
NT_BLOCK(1, 1)

AVX2 static void nt_dot(const float *A, const float *Bt, const float *bias, float *C, int64_t M, int64_t K,
                        int64_t N) {
    int64_t i = 0;
    for (; i + 3 <= M; i += 3) {
        if (i + 6 <= M) prefetch_range(A + (i + 3) * K, 3 * K);
        int64_t n = 0;
        for (; n + 4 <= N; n += 4) nt_3x4(A, Bt, bias, C, i, n, K, N);
        for (; n < N; n++) nt_3x1(A, Bt, bias, C, i, n, K, N);
    }
    for (; i < M; i++) {
        int64_t n = 0;
        for (; n + 4 <= N; n += 4) nt_1x4(A, Bt, bias, C, i, n, K, N);
        for (; n < N; n++) nt_1x1(A, Bt, bias, C, i, n, K, N);
    }
}

/* KB rows x NV vectors of C[P,Q] = X^T . Y over rows i0..i1 of X and Y, added to the sums of the rows before
 * (kept in C; the first chunk starts from zero). */
#define TN_BLOCK(KB, NV)                                                                                      \
    AVX2 static void tn_##KB##x##NV(const float *X, const float *Y, float *C, int64_t p0, int64_t q0,          \
                                    int64_t i0, int64_t i1, int64_t P, int64_t Q) {                           \
        __m256 acc[KB][NV];                                                                                   \
        for (int r = 0; r < KB; r++)                                                                          \
            for (int v = 0; v < NV; v++)                                                                      \
                acc[r][v] = i0 == 0 ? _mm256_setzero_ps() : _mm256_loadu_ps(C + (p0 + r) * Q + q0 + 8 * v);   \
        for (int64_t i = i0; i < i1; i++) {                                                                   \
            const float *y = Y + i * Q + q0;                                                                  \
            for (int r = 0; r < KB; r++) {                                                                    \
                __m256 a = _mm256_broadcast_ss(X + i * P + p0 + r);                                           \
                for (int v = 0; v < NV; v++) acc[r][v] = _mm256_fmadd_ps(a, _mm256_loadu_ps(y + 8 * v), acc[r][v]); \
            }                                                                                                 \
        }                                                                                                     \
        for (int r = 0; r < KB; r++)                                                                          \
            for (int v = 0; v < NV; v++) _mm256_storeu_ps(C + (p0 + r) * Q + q0 + 8 * v, acc[r][v]);          \
    }
TN_BLOCK(8, 1)
TN_BLOCK(1, 1)

/* Rows go in chunks of about 16 KB of Y, so that each chunk is read from L1 by all the blocks of C (reading
 * Y once per block straight from memory ran 2x slower inside a training step than in isolation). */
AVX2 static void tn_bcast(const float *X, const float *Y, float *C, int64_t R, int64_t P, int64_t Q) {
    if (R == 0) {
        memset(C, 0, sizeof(float) * (size_t) (P * Q));
        return;
    }
    const int64_t chunk = Q >= 4096 ? 1 : 4096 / Q;
    for (int64_t i0 = 0; i0 < R; i0 += chunk) {
        const int64_t i1 = i0 + chunk < R ? i0 + chunk : R;
        if (i1 < R) {
            const int64_t next = i1 + chunk < R ? chunk : R - i1;
            prefetch_range(Y + i1 * Q, next * Q);
            prefetch_range(X + i1 * P, next * P);
        }
        for (int64_t q = 0; q + 8 <= Q; q += 8) {
            int64_t p = 0;
            for (; p + 8 <= P; p += 8) tn_8x1(X, Y, C, p, q, i0, i1, P, Q);
            for (; p < P; p++) tn_1x1(X, Y, C, p, q, i0, i1, P, Q);
        }
    }
    for (int64_t q = Q - Q % 8; q < Q; q++) { /* the last Q % 8 columns, rows in order as above */
        for (int64_t p = 0; p < P; p++) {
            float acc = 0.0f;
            for (int64_t i = 0; i < R; i++) acc = fmaf(X[i * P + p], Y[i * Q + q], acc);
            C[p * Q + q] = acc;
        }
    }
}

/* __builtin_cpu_init runs in the library's constructor, before any kernel can be called. */
static int has_avx2_fma(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#else
static int has_avx2_fma(void) {
    return 0;
}
#endif

/* The plain loop: C[M,N] = op(A) . op(B) (+ bias), op = transpose where asked; A is [M,K] or [K,M]. */
static void product_plain(const float *A, const float *B, const float *bias, float *C, int64_t M, int64_t K,
                          int64_t N, int ta, int tb) {
    for (int64_t i = 0; i < M; i++) {
        for (int64_t n = 0; n < N; n++) {
            float s = 0.0f;
            for (int64_t k = 0; k < K; k++) {
                float a = ta ? A[k * M + i] : A[i * K + k];
                float b = tb ? B[n * K + k] : B[k * N + n];
                s += a * b;
            }
            C[i * N + n] = bias ? s + bias[n] : s;
        }
    }
}

/* dst[cols, rows] = src[rows, cols]^T */
static void transpose(const float *src, float *dst, int64_t rows, int64_t cols) {
    for (int64_t r = 0; r < rows; r++) {
        for (int64_t c = 0; c < cols; c++) {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/*
 * C[M,N] = op(A) . op(B) (+ bias) with op as MatMul's transpose_a / transpose_b: a . b and a . b^T as dot
 * products (b^T copied into scratch first: a thin weight, at most 16 x width), a^T . b through its transpose
 * C^T = b^T . a (both kernels need N thin). Returns 0 when scratch memory is refused.
 */
static int small_product(const float *A, const float *B, const float *bias, float *C, int64_t M, int64_t K,
                         int64_t N, int ta, int tb) {
    if (K == 0) { /* an empty sum: only the bias */
        for (int64_t i = 0; i < M; i++) {
            for (int64_t n = 0; n < N; n++) {
                C[i * N + n] = bias ? bias[n] : 0.0f;
            }
        }
        return 1;
    }
#if defined(__x86_64__)
    if (has_avx2_fma() && !(ta && tb)) {
        if (!ta) {
            if (tb) {
                nt_dot(A, B, bias, C, M, K, N); /* B already [N,K] */
                return 1;
            }
            float *Bt = (float *) malloc(sizeof(float) * (size_t) (K * N));
            if (!Bt) return 0;
            transpose(B, Bt, K, N); /* B [K,N] -> [N,K] */
            nt_dot(A, Bt, bias, C, M, K, N);
            free(Bt);
            return 1;
        }
        /* ta: A is [K,M] (rows summed over K), C[M,N] = A^T . B with B [K,N] */
        if (!bias) {
            float *Ct = (float *) malloc(sizeof(float) * (size_t) (M * N));
            if (!Ct) return 0;
            tn_bcast(B, A, Ct, K, N, M); /* C^T [N,M] = B^T . A, vector along M */
            transpose(Ct, C, N, M);
            free(Ct);
            return 1;
        }
    }
#endif
    product_plain(A, B, bias, C, M, K, N, ta, tb);
    return 1;
}

/* The three product ops differ only in which operand is read transposed (fixed per op, so that their shape
 * functions need no attributes). */
typedef struct {
    int ta;
    int tb;
} ProductLayout;

static void *create_product(int ta, int tb) {
    ProductLayout *l = (ProductLayout *) calloc(1, sizeof(ProductLayout));
    if (l) {
        l->ta = ta;
        l->tb = tb;
    }
    return l;
}

static void *create_product_nn(TF_OpKernelConstruction *ctx) {
    (void) ctx;
    return create_product(0, 0);
}

static void *create_product_tn(TF_OpKernelConstruction *ctx) {
    (void) ctx;
    return create_product(1, 0);
}

static void *create_product_nt(TF_OpKernelConstruction *ctx) {
    (void) ctx;
    return create_product(0, 1);
}

typedef struct {
    float epsilon;
    float alpha;
} Attrs;

static void *create_forward(TF_OpKernelConstruction *ctx) {
    Attrs *a = (Attrs *) calloc(1, sizeof(Attrs));
    TF_Status *st = TF_NewStatus();
    TF_OpKernelConstruction_GetAttrFloat(ctx, "epsilon", &a->epsilon, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) {
        TF_OpKernelConstruction_GetAttrFloat(ctx, "alpha", &a->alpha, st);
    }
    if (TF_GetCode(st) != GENMAT_TF_OK) {
        TF_OpKernelConstruction_Failure(ctx, st);
    }
    TF_DeleteStatus(st);
    return a;
}

static void *create_backward(TF_OpKernelConstruction *ctx) {
    Attrs *a = (Attrs *) calloc(1, sizeof(Attrs));
    TF_Status *st = TF_NewStatus();
    TF_OpKernelConstruction_GetAttrFloat(ctx, "alpha", &a->alpha, st);
    if (TF_GetCode(st) != GENMAT_TF_OK) {
        TF_OpKernelConstruction_Failure(ctx, st);
    }
    TF_DeleteStatus(st);
    return a;
}

static void delete_attrs(void *a) {
    free(a);
}

static int fail(TF_OpKernelContext *ctx, TF_Status *st, const char *message) {
    TF_SetStatus(st, GENMAT_TF_INVALID_ARGUMENT, message);
    TF_OpKernelContext_Failure(ctx, st);
    return 0;
}

/* Inputs 0..n-1 into t[], checking float matrices/vectors of the expected ranks. */
static int inputs(TF_OpKernelContext *ctx, TF_Status *st, TF_Tensor **t, const int *ranks, int n) {
    for (int i = 0; i < n; i++) {
        TF_GetInput(ctx, i, &t[i], st);
        if (TF_GetCode(st) != GENMAT_TF_OK) {
            TF_OpKernelContext_Failure(ctx, st);
            return 0;
        }
        if (TF_NumDims(t[i]) != ranks[i]) {
            return fail(ctx, st, "Genmat fused layer norm: an input has the wrong rank");
        }
    }
    return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
    const Attrs *a = (const Attrs *) kernel;
    TF_Status *st = TF_NewStatus();
    TF_Tensor *in[3] = {0};
    TF_Tensor *out[3] = {0};
    static const int ranks[3] = {2, 1, 1};
    if (inputs(ctx, st, in, ranks, 3)) {
        int64_t rows = TF_Dim(in[0], 0);
        int64_t width = TF_Dim(in[0], 1);
        if (TF_Dim(in[1], 0) != width || TF_Dim(in[2], 0) != width) {
            fail(ctx, st, "GenmatLayerNormLeakyRelu: gain and bias must have the width of x");
        } else {
            int64_t dims[2] = {rows, width};
            out[0] = TF_AllocateOutput(ctx, 0, GENMAT_TF_FLOAT, dims, 2, sizeof(float) * rows * width, st);
            if (TF_GetCode(st) == GENMAT_TF_OK) {
                out[1] = TF_AllocateOutput(ctx, 1, GENMAT_TF_FLOAT, dims, 1, sizeof(float) * rows, st);
            }
            if (TF_GetCode(st) == GENMAT_TF_OK) {
                out[2] = TF_AllocateOutput(ctx, 2, GENMAT_TF_FLOAT, dims, 1, sizeof(float) * rows, st);
            }
            if (TF_GetCode(st) != GENMAT_TF_OK) {
                TF_OpKernelContext_Failure(ctx, st);
            } else {
                const float *x = (const float *) TF_TensorData(in[0]);
                const float *g = (const float *) TF_TensorData(in[1]);
                const float *b = (const float *) TF_TensorData(in[2]);
                float *y = (float *) TF_TensorData(out[0]);
                float *means = (float *) TF_TensorData(out[1]);
                float *rstd = (float *) TF_TensorData(out[2]);
                layer_norm_leaky_relu(x, g, b, y, means, rstd, rows, width, a->epsilon, a->alpha);
            }
        }
    }
    for (int i = 0; i < 3; i++) {
        if (in[i]) TF_DeleteTensor(in[i]);
        if (out[i]) TF_DeleteTensor(out[i]);
    }
    TF_DeleteStatus(st);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
    const Attrs *a = (const Attrs *) kernel;
    TF_Status *st = TF_NewStatus();
    TF_Tensor *in[6] = {0};
    TF_Tensor *out[4] = {0};
    static const int ranks[6] = {2, 2, 1, 1, 1, 1};
    if (inputs(ctx, st, in, ranks, 6)) {
        int64_t rows = TF_Dim(in[0], 0);
        int64_t width = TF_Dim(in[0], 1);
        if (TF_Dim(in[1], 0) != rows || TF_Dim(in[1], 1) != width || TF_Dim(in[2], 0) != rows
            || TF_Dim(in[3], 0) != rows || TF_Dim(in[4], 0) != width || TF_Dim(in[5], 0) != width) {
            fail(ctx, st, "GenmatLayerNormLeakyReluGrad: input shapes do not match");
        } else {
            int64_t dims[2] = {rows, width};
            int64_t wdims[1] = {width};
            out[0] = TF_AllocateOutput(ctx, 0, GENMAT_TF_FLOAT, dims, 2, sizeof(float) * rows * width, st);
            if (TF_GetCode(st) == GENMAT_TF_OK) {
                out[1] = TF_AllocateOutput(ctx, 1, GENMAT_TF_FLOAT, wdims, 1, sizeof(float) * width, st);
            }
            if (TF_GetCode(st) == GENMAT_TF_OK) {
                out[2] = TF_AllocateOutput(ctx, 2, GENMAT_TF_FLOAT, wdims, 1, sizeof(float) * width, st);
            }
            if (TF_GetCode(st) == GENMAT_TF_OK) {
                out[3] = TF_AllocateOutput(ctx, 3, GENMAT_TF_FLOAT, wdims, 1, sizeof(float) * width, st);
            }
            if (TF_GetCode(st) != GENMAT_TF_OK) {
                TF_OpKernelContext_Failure(ctx, st);
            } else {
                const float *dy = (const float *) TF_TensorData(in[0]);
                const float *x = (const float *) TF_TensorData(in[1]);
                const float *means = (const float *) TF_TensorData(in[2]);
                const float *rstd = (const float *) TF_TensorData(in[3]);
                const float *g = (const float *) TF_TensorData(in[4]);
                const float *bias = (const float *) TF_TensorData(in[5]);
                float *dx = (float *) TF_TensorData(out[0]);
                float *dg = (float *) TF_TensorData(out[1]);
                float *db = (float *) TF_TensorData(out[2]);
                float *dxsum = (float *) TF_TensorData(out[3]);
                layer_norm_leaky_relu_grad(dy, x, means, rstd, g, bias, dx, dg, db, dxsum, rows, width, a->alpha);
            }
        }
    }
    for (int i = 0; i < 6; i++) {
        if (in[i]) TF_DeleteTensor(in[i]);
    }
    for (int i = 0; i < 4; i++) {
        if (out[i]) TF_DeleteTensor(out[i]);
    }
    TF_DeleteStatus(st);
}

static void compute_product(void *kernel, TF_OpKernelContext *ctx) {
    const ProductLayout *l = (const ProductLayout *) kernel;
    TF_Status *st = TF_NewStatus();
    TF_Tensor *in[3] = {0};
    TF_Tensor *out = 0;
    static const int ranks[3] = {2, 2, 1};
    if (inputs(ctx, st, in, ranks, 3)) {
        int64_t M = TF_Dim(in[0], l->ta ? 1 : 0);
        int64_t K = TF_Dim(in[0], l->ta ? 0 : 1);
        int64_t Kb = TF_Dim(in[1], l->tb ? 1 : 0);
        int64_t N = TF_Dim(in[1], l->tb ? 0 : 1);
        int64_t nbias = TF_Dim(in[2], 0);
        if (K != Kb) {
            fail(ctx, st, "GenmatMatMul: the inner dimensions of the two matrices differ");
        } else if (nbias != 0 && nbias != N) {
            fail(ctx, st, "GenmatMatMul: bias must be empty or have one value per output column");
        } else {
            int64_t dims[2] = {M, N};
            out = TF_AllocateOutput(ctx, 0, GENMAT_TF_FLOAT, dims, 2, sizeof(float) * M * N, st);
            if (TF_GetCode(st) != GENMAT_TF_OK) {
                TF_OpKernelContext_Failure(ctx, st);
            } else if (M * N > 0) {
                const float *bias = nbias ? (const float *) TF_TensorData(in[2]) : 0;
                if (!small_product((const float *) TF_TensorData(in[0]), (const float *) TF_TensorData(in[1]), bias,
                                   (float *) TF_TensorData(out), M, K, N, l->ta, l->tb)) {
                    fail(ctx, st, "GenmatMatMul: out of memory for a transposed copy");
                }
            }
        }
    }
    for (int i = 0; i < 3; i++) {
        if (in[i]) TF_DeleteTensor(in[i]);
    }
    if (out) TF_DeleteTensor(out);
    TF_DeleteStatus(st);
}

/* [rows of op(a), columns of op(b)] */
static void product_shape(TF_ShapeInferenceContext *ctx, TF_Status *st, int ta, int tb) {
    TF_ShapeHandle *a = TF_NewShapeHandle();
    TF_ShapeHandle *b = TF_NewShapeHandle();
    TF_ShapeHandle *rows = TF_NewShapeHandle();
    TF_ShapeHandle *cols = TF_NewShapeHandle();
    TF_ShapeHandle *c = TF_NewShapeHandle();
    TF_ShapeInferenceContextGetInput(ctx, 0, a, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextGetInput(ctx, 1, b, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSubshape(ctx, a, ta ? 1 : 0, ta ? 2 : 1, rows, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSubshape(ctx, b, tb ? 0 : 1, tb ? 1 : 2, cols, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextConcatenateShapes(ctx, rows, cols, c, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, c, st);
    TF_DeleteShapeHandle(a);
    TF_DeleteShapeHandle(b);
    TF_DeleteShapeHandle(rows);
    TF_DeleteShapeHandle(cols);
    TF_DeleteShapeHandle(c);
}

static void product_shape_nn(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    product_shape(ctx, st, 0, 0);
}

static void product_shape_tn(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    product_shape(ctx, st, 1, 0);
}

static void product_shape_nt(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    product_shape(ctx, st, 0, 1);
}

static void register_product(const char *name, void *(*create)(TF_OpKernelConstruction *),
                             void (*shape)(TF_ShapeInferenceContext *, TF_Status *), TF_Status *st) {
    TF_OpDefinitionBuilder *d = TF_NewOpDefinitionBuilder(name);
    TF_OpDefinitionBuilderAddInput(d, "a: float");
    TF_OpDefinitionBuilderAddInput(d, "b: float");
    TF_OpDefinitionBuilderAddInput(d, "bias: float");
    TF_OpDefinitionBuilderAddOutput(d, "product: float");
    TF_OpDefinitionBuilderSetShapeInferenceFunction(d, shape);
    TF_RegisterOpDefinition(d, st);
    TF_RegisterKernelBuilder(name, TF_NewKernelBuilder(name, "CPU", create, &compute_product, &delete_attrs), st);
}

/* y: the shape of x; mean and rstd: [rows]. */
static void forward_shapes(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    TF_ShapeHandle *x = TF_NewShapeHandle();
    TF_ShapeHandle *rows = TF_NewShapeHandle();
    TF_ShapeInferenceContextGetInput(ctx, 0, x, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, x, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSubshape(ctx, x, 0, 1, rows, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 1, rows, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 2, rows, st);
    TF_DeleteShapeHandle(x);
    TF_DeleteShapeHandle(rows);
}

/* dx: the shape of dy; dgain and dbias: the shape of gain. */
static void backward_shapes(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    TF_ShapeHandle *dy = TF_NewShapeHandle();
    TF_ShapeHandle *gain = TF_NewShapeHandle();
    TF_ShapeInferenceContextGetInput(ctx, 0, dy, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextGetInput(ctx, 4, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, dy, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 1, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 2, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 3, gain, st);
    TF_DeleteShapeHandle(dy);
    TF_DeleteShapeHandle(gain);
}

__attribute__((constructor)) static void genmat_register_fused_ops(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
#endif
    TF_Status *st = TF_NewStatus();
    TF_OpDefinitionBuilder *f = TF_NewOpDefinitionBuilder("GenmatLayerNormLeakyRelu");
    TF_OpDefinitionBuilderAddInput(f, "x: float");
    TF_OpDefinitionBuilderAddInput(f, "gain: float");
    TF_OpDefinitionBuilderAddInput(f, "bias: float");
    TF_OpDefinitionBuilderAddOutput(f, "y: float");
    TF_OpDefinitionBuilderAddOutput(f, "mean: float");
    TF_OpDefinitionBuilderAddOutput(f, "rstd: float");
    TF_OpDefinitionBuilderAddAttr(f, "epsilon: float");
    TF_OpDefinitionBuilderAddAttr(f, "alpha: float");
    TF_OpDefinitionBuilderSetShapeInferenceFunction(f, &forward_shapes);
    TF_RegisterOpDefinition(f, st);

    TF_OpDefinitionBuilder *b = TF_NewOpDefinitionBuilder("GenmatLayerNormLeakyReluGrad");
    TF_OpDefinitionBuilderAddInput(b, "dy: float");
    TF_OpDefinitionBuilderAddInput(b, "x: float");
    TF_OpDefinitionBuilderAddInput(b, "mean: float");
    TF_OpDefinitionBuilderAddInput(b, "rstd: float");
    TF_OpDefinitionBuilderAddInput(b, "gain: float");
    TF_OpDefinitionBuilderAddInput(b, "bias: float");
    TF_OpDefinitionBuilderAddOutput(b, "dx: float");
    TF_OpDefinitionBuilderAddOutput(b, "dgain: float");
    TF_OpDefinitionBuilderAddOutput(b, "dbias: float");
    TF_OpDefinitionBuilderAddOutput(b, "dx_column_sums: float");
    TF_OpDefinitionBuilderAddAttr(b, "alpha: float");
    TF_OpDefinitionBuilderSetShapeInferenceFunction(b, &backward_shapes);
    TF_RegisterOpDefinition(b, st);

    TF_RegisterKernelBuilder("GenmatLayerNormLeakyRelu",
        TF_NewKernelBuilder("GenmatLayerNormLeakyRelu", "CPU", &create_forward, &compute_forward, &delete_attrs), st);
    TF_RegisterKernelBuilder("GenmatLayerNormLeakyReluGrad",
        TF_NewKernelBuilder("GenmatLayerNormLeakyReluGrad", "CPU", &create_backward, &compute_backward, &delete_attrs),
        st);
    /* a . b, a^T . b, a . b^T (each + bias when bias is not empty) */
    register_product("GenmatMatMul", &create_product_nn, &product_shape_nn, st);
    register_product("GenmatMatMulTransposeA", &create_product_tn, &product_shape_tn, st);
    register_product("GenmatMatMulTransposeB", &create_product_nt, &product_shape_nt, st);
    TF_DeleteStatus(st);
}
