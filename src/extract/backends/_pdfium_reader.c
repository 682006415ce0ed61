/* The pdfium backend's per-glyph and per-segment loops, in C (and the lattice's one loop over
   glyphs, at the end).

   pdfium has no call that returns many glyph boxes or path points at once, so the pure-Python
   reader (pdfium_backend.py) makes one ctypes call per glyph and per segment; that overhead,
   not pdfium's work, is most of its time. These loops make the same calls, in the same order,
   from C. They call pdfium through the function addresses pypdfium2 already loaded (passed in
   an array, see pdfium_backend._NATIVE_API): no pdfium headers, no linking, no Python C API,
   so one shared library serves every Python and every pypdfium2 build. Python turns the arrays
   into the same numbers the pure-Python reader computes (a test compares every record).

   Built at install as an optional extension (setup.py); without a compiler the pure-Python
   reader runs. Compiled with -ffp-contract=off: the matrix products below must round as
   Python's do. */

#include <stddef.h>

typedef void *handle;

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

/* The pdfium functions, in the order pdfium_backend._NATIVE_API lists them. */
enum {
    LOOSE_CHAR_BOX, FONT_SIZE, TEXT_OBJECT,
    PAGE_OBJECT_COUNT, PAGE_OBJECT, OBJECT_TYPE, OBJECT_MATRIX, FORM_OBJECT_COUNT, FORM_OBJECT,
    SEGMENT_COUNT, PATH_SEGMENT, SEGMENT_POINT, SEGMENT_TYPE, SEGMENT_CLOSES,
    CLIP_PATH, CLIP_PATH_COUNT, CLIP_SEGMENT_COUNT, CLIP_SEGMENT,
    IS_GENERATED, UNICODE_MAP_ERROR,
    API_SIZE
};

typedef int (*loose_char_box_fn)(handle, int, float *);
typedef double (*font_size_fn)(handle, int);
typedef int (*char_flag_fn)(handle, int);
typedef handle (*text_object_fn)(handle, int);
typedef int (*count_fn)(handle);
typedef handle (*object_fn)(handle);
typedef handle (*page_object_fn)(handle, int);
typedef int (*object_matrix_fn)(handle, float *);
typedef handle (*form_object_fn)(handle, unsigned long);
typedef int (*segment_point_fn)(handle, float *, float *);
typedef int (*clip_segment_count_fn)(handle, int);
typedef handle (*clip_segment_fn)(handle, int, int);

#define OBJ_TEXT 1
#define OBJ_PATH 2
#define OBJ_FORM 5

EXPORT int reader_api_size(void) { return API_SIZE; }

/* Every char's loose box (left, top, right, bottom), whether it has one, and its font size;
   with objects != NULL also the text object each char belongs to. */
EXPORT void read_chars(handle *api, handle textpage, int count, float *boxes, int *has_box,
                double *sizes, handle *objects)
{
    loose_char_box_fn box = (loose_char_box_fn)api[LOOSE_CHAR_BOX];
    font_size_fn size = (font_size_fn)api[FONT_SIZE];
    for (int i = 0; i < count; i++) {
        has_box[i] = box(textpage, i, boxes + 4 * i);
        sizes[i] = size(textpage, i);
    }
    if (objects) {
        text_object_fn object = (text_object_fn)api[TEXT_OBJECT];
        for (int i = 0; i < count; i++)
            objects[i] = object(textpage, i);
    }
}

/* The text objects of chars[0..n): for the chars a page's clip paths concern. */
EXPORT void read_char_objects(handle *api, handle textpage, const int *chars, int n, handle *objects)
{
    text_object_fn object = (text_object_fn)api[TEXT_OBJECT];
    for (int i = 0; i < n; i++)
        objects[i] = object(textpage, chars[i]);
}

/* One yes/no of pdfium's about each of chars[0..n): whether pdfium generated it (flag 0:
   FPDFText_IsGenerated) or its font maps it to no Unicode (flag 1: FPDFText_HasUnicodeMapError). */
EXPORT void read_char_flags(handle *api, handle textpage, int flag, const int *chars, int n, int *out)
{
    char_flag_fn ask = (char_flag_fn)api[flag == 0 ? IS_GENERATED : UNICODE_MAP_ERROR];
    for (int i = 0; i < n; i++)
        out[i] = ask(textpage, chars[i]);
}

typedef struct {
    handle *paths; double *matrices; int n_paths;   /* path objects, 6 doubles each */
    handle *texts; int n_texts;                     /* text objects */
    int capacity;
} found_objects;

/* inner then outer, as pdfium_backend._compose: the same products in the same order. */
static void compose(const double *in, const double *out, double *r)
{
    double a = in[0], b = in[1], c = in[2], d = in[3], e = in[4], f = in[5];
    double A = out[0], B = out[1], C = out[2], D = out[3], E = out[4], F = out[5];
    r[0] = a * A + b * C; r[1] = a * B + b * D;
    r[2] = c * A + d * C; r[3] = c * B + d * D;
    r[4] = e * A + f * C + E; r[5] = e * B + f * D + F;
}

static void own_matrix(handle *api, handle obj, const double *outer, double *r)
{
    float m[6];
    double own[6] = {1.0, 0.0, 0.0, 1.0, 0.0, 0.0};
    if (((object_matrix_fn)api[OBJECT_MATRIX])(obj, m))
        for (int k = 0; k < 6; k++) own[k] = (double)m[k];
    if (outer) compose(own, outer, r);
    else for (int k = 0; k < 6; k++) r[k] = own[k];
}

/* Returns -1 once capacity is exceeded (the caller asks again with more room). */
static int walk(handle *api, handle *objs, int n, const double *outer, found_objects *out)
{
    count_fn type = (count_fn)api[OBJECT_TYPE];
    for (int i = 0; i < n; i++) {
        handle obj = objs[i];
        int kind = type(obj);
        if (kind == OBJ_PATH) {
            if (out->n_paths >= out->capacity) return -1;
            own_matrix(api, obj, outer, out->matrices + 6 * out->n_paths);
            out->paths[out->n_paths++] = obj;
        } else if (kind == OBJ_TEXT) {
            if (out->n_texts >= out->capacity) return -1;
            out->texts[out->n_texts++] = obj;
        } else if (kind == OBJ_FORM) {
            double m[6];
            int count = ((count_fn)api[FORM_OBJECT_COUNT])(obj);
            if (count <= 0) continue;
            own_matrix(api, obj, outer, m);
            /* Children one at a time: no allocation, the same order as the Python walk. */
            for (int k = 0; k < count; k++) {
                handle child = ((form_object_fn)api[FORM_OBJECT])(obj, (unsigned long)k);
                if (walk(api, &child, 1, m, out) < 0) return -1;
            }
        }
    }
    return 0;
}

/* Every path object (with its full matrix) and text object of the page, descending into form
   XObjects. Returns the number of path objects and sets *n_texts, or -1 when more than
   capacity of either were found. */
EXPORT int read_objects(handle *api, handle page, int capacity, handle *paths, double *matrices,
                 handle *texts, int *n_texts)
{
    found_objects out = {paths, matrices, 0, texts, 0, capacity};
    int n = ((count_fn)api[PAGE_OBJECT_COUNT])(page);
    for (int i = 0; i < n; i++) {
        handle obj = ((page_object_fn)api[PAGE_OBJECT])(page, i);
        if (walk(api, &obj, 1, NULL, &out) < 0) return -1;
    }
    *n_texts = out.n_texts;
    return out.n_paths;
}

/* For each text object: its clip box in user space (nested clips: their intersection), as
   pdfium_backend._clip_rect. status[i]: 0 no clip paths, 1 a box, 2 clip paths without points. */
EXPORT void read_clips(handle *api, const handle *texts, int n, double *rects, int *status)
{
    count_fn path_count = (count_fn)api[CLIP_PATH_COUNT];
    clip_segment_count_fn segment_count = (clip_segment_count_fn)api[CLIP_SEGMENT_COUNT];
    clip_segment_fn segment = (clip_segment_fn)api[CLIP_SEGMENT];
    segment_point_fn point = (segment_point_fn)api[SEGMENT_POINT];
    for (int i = 0; i < n; i++) {
        handle clip = ((object_fn)api[CLIP_PATH])(texts[i]);
        int paths = path_count(clip);
        double *r = rects + 4 * i;
        status[i] = 0;
        if (paths <= 0) continue;
        int have = 0;
        for (int k = 0; k < paths; k++) {
            int segments = segment_count(clip, k), any = 0;
            double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            for (int s = 0; s < segments; s++) {
                handle seg = segment(clip, k, s);
                float x, y;
                if (!seg || !point(seg, &x, &y)) continue;
                if (!any) { x0 = x1 = x; y0 = y1 = y; any = 1; }
                else {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    if (y > y1) y1 = y;
                }
            }
            if (!any) continue;
            if (!have) { r[0] = x0; r[1] = y0; r[2] = x1; r[3] = y1; have = 1; }
            else {
                if (x0 > r[0]) r[0] = x0;
                if (y0 > r[1]) r[1] = y0;
                if (x1 < r[2]) r[2] = x1;
                if (y1 < r[3]) r[3] = y1;
            }
        }
        status[i] = have ? 1 : 2;
    }
}

/* How many segments each path has (counts[i]); returns their sum. */
EXPORT int count_segments(handle *api, const handle *paths, int n, int *counts)
{
    count_fn count = (count_fn)api[SEGMENT_COUNT];
    int total = 0;
    for (int i = 0; i < n; i++) {
        counts[i] = count(paths[i]);
        if (counts[i] < 0) counts[i] = 0;
        total += counts[i];
    }
    return total;
}

/* Every segment's point, type and whether it closes its path, path after path. */
EXPORT void read_segments(handle *api, const handle *paths, const int *counts, int n,
                   float *points, int *kinds, int *closes)
{
    page_object_fn segment = (page_object_fn)api[PATH_SEGMENT];
    segment_point_fn point = (segment_point_fn)api[SEGMENT_POINT];
    count_fn type = (count_fn)api[SEGMENT_TYPE];
    count_fn closing = (count_fn)api[SEGMENT_CLOSES];
    int at = 0;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < counts[i]; s++, at++) {
            handle seg = segment(paths[i], s);
            points[2 * at] = points[2 * at + 1] = 0.0f;
            point(seg, points + 2 * at, points + 2 * at + 1);
            kinds[at] = type(seg);
            closes[at] = closing(seg);
        }
}

/* The lattice's one sequential loop over glyphs (lattice._line_starts, which this repeats
   step for step in doubles): where each printed line starts among n glyphs in line order. A
   glyph goes on the line being built when its centre lies within the line's extent so far and
   the two overlap by half the lower of their heights; a line never spans two groups (cells;
   group == NULL: no groups). Writes the starts, returns how many. */
EXPORT int line_starts(const double *top, const double *bottom, const long long *group, int n, int *starts)
{
    int m = 0, have_group = 0;
    long long last_group = 0;
    double line_top = 0.0, line_bottom = 0.0;
    for (int k = 0; k < n; k++) {
        double t = top[k], b = bottom[k];
        int same_group = group == NULL || (have_group && group[k] == last_group);
        if (m > 0 && same_group) {
            double cy = (t + b) / 2;
            if (line_top <= cy && cy <= line_bottom) {
                double overlap = (line_bottom < b ? line_bottom : b) - (line_top > t ? line_top : t);
                double height = line_bottom - line_top > 1.0 ? line_bottom - line_top : 1.0;
                double own = b - t;
                if (overlap >= 0.5 * (height < own ? height : own)) {
                    if (t < line_top) line_top = t;
                    if (b > line_bottom) line_bottom = b;
                    continue;
                }
            }
        }
        starts[m++] = k;
        line_top = t;
        line_bottom = b;
        if (group != NULL) { last_group = group[k]; have_group = 1; }
    }
    return m;
}
