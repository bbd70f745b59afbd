/*
 * GenMat's fused CPU kernels for TensorFlow, loaded with TF_LoadLibrary (org.example.genmat.core.tf.FusedKernels).
 *
 * Why: a hidden layer "layer norm -> LeakyReLU" costs about 20 passes over a batch x width activation when
 * written with TensorFlow's element-wise ops (forward and hand-written backward, see Layers.java); these two
 * kernels do the same work in one pass over each row (the row stays in L1 cache), which is what makes a VAE
 * training step on one CPU thread markedly faster (measured in `genmat bench train`).
 *
 *   GenmatLayerNormLeakyRelu(x [B,F], gain [F], bias [F]; epsilon, alpha)
 *     -> y = LeakyReLU_alpha((x - mean) * rstd * gain + bias), normed = (x - mean) * rstd, rstd [B]
 *        (mean and biased variance per row, rstd = 1 / sqrt(var + epsilon))
 *   GenmatLayerNormLeakyReluGrad(dy [B,F], normed [B,F], rstd [B], gain [F], bias [F]; alpha)
 *     -> dx [B,F], dgain [F], dbias [F], dx_column_sums [F] (= the bias gradient of the layer before)
 *        du = dy * (u > 0 ? 1 : alpha) with u = normed * gain + bias recomputed (reading y would cost a pass), dgain = sum_rows du * normed, dbias = sum_rows du,
 *        dn = du * gain, dx = rstd * (dn - mean_row(dn) - normed * mean_row(dn * normed))
 *
 * Sums run in a fixed order (8 partial lanes, then rows in order), so results are the same on every run.
 * Only the stable TensorFlow C API (tensorflow/c/kernels.h, ops.h, tf_tensor.h, tf_status.h) is used; its
 * few declarations are written out below so that the build needs no TensorFlow headers.
 */
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>

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
extern void TF_ShapeInferenceContextSubshape(TF_ShapeInferenceContext *, TF_ShapeHandle *, int64_t, int64_t,
                                             TF_ShapeHandle *, TF_Status *);

#define LANES 8

/* Sum of v[0..n) in a fixed order: 8 interleaved partial sums (vectorised by the compiler), then the tail. */
static inline float sum_row(const float *restrict v, int64_t n) {
    float acc[LANES] = {0};
    int64_t j = 0;
    for (; j + LANES <= n; j += LANES) {
        for (int k = 0; k < LANES; k++) {
            acc[k] += v[j + k];
        }
    }
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; j < n; j++) {
        s += v[j];
    }
    return s;
}

/* One clone per instruction set, picked when the library loads: AVX2 where the CPU has it, else SSE2. */
#define CLONES __attribute__((target_clones("avx2", "default")))

/* The forward kernel's arithmetic on plain arrays (row-major x, y, normed [rows x width]; rstd [rows]). */
CLONES void layer_norm_leaky_relu(const float *restrict x, const float *restrict g, const float *restrict b,
                                  float *restrict y, float *restrict normed, float *restrict rstd, int64_t rows,
                                  int64_t width, float epsilon, float alpha) {
    for (int64_t i = 0; i < rows; i++) {
        const float *restrict xr = x + i * width;
        float *restrict nr = normed + i * width;
        float *restrict yr = y + i * width;
        float mean = sum_row(xr, width) / (float) width;
        for (int64_t j = 0; j < width; j++) {
            float c = xr[j] - mean;
            nr[j] = c * c; /* squares first, normalised below */
        }
        float r = 1.0f / sqrtf(sum_row(nr, width) / (float) width + epsilon);
        rstd[i] = r;
        for (int64_t j = 0; j < width; j++) {
            float n = (xr[j] - mean) * r;
            float u = n * g[j] + b[j];
            nr[j] = n;
            yr[j] = u > 0.0f ? u : u * alpha;
        }
    }
}

/* The reverse kernel's arithmetic on plain arrays. */
CLONES void layer_norm_leaky_relu_grad(const float *restrict dy, const float *restrict normed,
                                       const float *restrict rstd, const float *restrict g,
                                       const float *restrict bias, float *restrict dx, float *restrict dg,
                                       float *restrict db, float *restrict dxsum, int64_t rows, int64_t width,
                                       float alpha) {
    const float inv = 1.0f / (float) width;
    for (int64_t j = 0; j < width; j++) {
        dg[j] = 0.0f;
        db[j] = 0.0f;
        dxsum[j] = 0.0f;
    }
    for (int64_t i = 0; i < rows; i++) {
        const float *restrict dyr = dy + i * width;
        const float *restrict nr = normed + i * width;
        float *restrict dxr = dx + i * width;
        /* dxr holds du, then dn, before it is overwritten with dx */
        for (int64_t j = 0; j < width; j++) {
            float u = nr[j] * g[j] + bias[j]; /* the forward's pre-activation, recomputed bit for bit */
            float du = u > 0.0f ? dyr[j] : dyr[j] * alpha;
            dg[j] += du * nr[j];
            db[j] += du;
            dxr[j] = du * g[j];
        }
        float m1 = sum_row(dxr, width) * inv;
        float acc[LANES] = {0};
        int64_t j = 0;
        for (; j + LANES <= width; j += LANES) {
            for (int k = 0; k < LANES; k++) {
                acc[k] += dxr[j + k] * nr[j + k];
            }
        }
        float m2 = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; j < width; j++) {
            m2 += dxr[j] * nr[j];
        }
        m2 *= inv;
        const float r = rstd[i];
        for (j = 0; j < width; j++) {
            float v = r * (dxr[j] - m1 - nr[j] * m2);
            dxr[j] = v;
            dxsum[j] += v;
        }
    }
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
                out[1] = TF_AllocateOutput(ctx, 1, GENMAT_TF_FLOAT, dims, 2, sizeof(float) * rows * width, st);
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
                float *normed = (float *) TF_TensorData(out[1]);
                float *rstd = (float *) TF_TensorData(out[2]);
                layer_norm_leaky_relu(x, g, b, y, normed, rstd, rows, width, a->epsilon, a->alpha);
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
    TF_Tensor *in[5] = {0};
    TF_Tensor *out[4] = {0};
    static const int ranks[5] = {2, 2, 1, 1, 1};
    if (inputs(ctx, st, in, ranks, 5)) {
        int64_t rows = TF_Dim(in[0], 0);
        int64_t width = TF_Dim(in[0], 1);
        if (TF_Dim(in[1], 0) != rows || TF_Dim(in[1], 1) != width || TF_Dim(in[2], 0) != rows
            || TF_Dim(in[3], 0) != width || TF_Dim(in[4], 0) != width) {
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
                const float *normed = (const float *) TF_TensorData(in[1]);
                const float *rstd = (const float *) TF_TensorData(in[2]);
                const float *g = (const float *) TF_TensorData(in[3]);
                const float *bias = (const float *) TF_TensorData(in[4]);
                float *dx = (float *) TF_TensorData(out[0]);
                float *dg = (float *) TF_TensorData(out[1]);
                float *db = (float *) TF_TensorData(out[2]);
                float *dxsum = (float *) TF_TensorData(out[3]);
                layer_norm_leaky_relu_grad(dy, normed, rstd, g, bias, dx, dg, db, dxsum, rows, width, a->alpha);
            }
        }
    }
    for (int i = 0; i < 5; i++) {
        if (in[i]) TF_DeleteTensor(in[i]);
    }
    for (int i = 0; i < 4; i++) {
        if (out[i]) TF_DeleteTensor(out[i]);
    }
    TF_DeleteStatus(st);
}

/* y and normed: the shape of x; rstd: [rows]. */
static void forward_shapes(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    TF_ShapeHandle *x = TF_NewShapeHandle();
    TF_ShapeHandle *rows = TF_NewShapeHandle();
    TF_ShapeInferenceContextGetInput(ctx, 0, x, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, x, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 1, x, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSubshape(ctx, x, 0, 1, rows, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 2, rows, st);
    TF_DeleteShapeHandle(x);
    TF_DeleteShapeHandle(rows);
}

/* dx: the shape of dy; dgain and dbias: the shape of gain. */
static void backward_shapes(TF_ShapeInferenceContext *ctx, TF_Status *st) {
    TF_ShapeHandle *dy = TF_NewShapeHandle();
    TF_ShapeHandle *gain = TF_NewShapeHandle();
    TF_ShapeInferenceContextGetInput(ctx, 0, dy, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextGetInput(ctx, 3, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, dy, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 1, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 2, gain, st);
    if (TF_GetCode(st) == GENMAT_TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 3, gain, st);
    TF_DeleteShapeHandle(dy);
    TF_DeleteShapeHandle(gain);
}

__attribute__((constructor)) static void genmat_register_fused_ops(void) {
    TF_Status *st = TF_NewStatus();
    TF_OpDefinitionBuilder *f = TF_NewOpDefinitionBuilder("GenmatLayerNormLeakyRelu");
    TF_OpDefinitionBuilderAddInput(f, "x: float");
    TF_OpDefinitionBuilderAddInput(f, "gain: float");
    TF_OpDefinitionBuilderAddInput(f, "bias: float");
    TF_OpDefinitionBuilderAddOutput(f, "y: float");
    TF_OpDefinitionBuilderAddOutput(f, "normed: float");
    TF_OpDefinitionBuilderAddOutput(f, "rstd: float");
    TF_OpDefinitionBuilderAddAttr(f, "epsilon: float");
    TF_OpDefinitionBuilderAddAttr(f, "alpha: float");
    TF_OpDefinitionBuilderSetShapeInferenceFunction(f, &forward_shapes);
    TF_RegisterOpDefinition(f, st);

    TF_OpDefinitionBuilder *b = TF_NewOpDefinitionBuilder("GenmatLayerNormLeakyReluGrad");
    TF_OpDefinitionBuilderAddInput(b, "dy: float");
    TF_OpDefinitionBuilderAddInput(b, "normed: float");
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
    TF_DeleteStatus(st);
}
