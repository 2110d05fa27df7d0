/** Content of the demo store: products, buyers' accounts and notes. */

type DemoVariant = { value: string; eur: number; cny: number }
export type DemoProduct = {
  handle: string
  title: string
  description: string
  image: string
  option: string
  variants: DemoVariant[]
}

const sizes = (eur: number, cny: number): DemoVariant[] =>
  ["S", "M", "L"].map((value, i) => ({
    value,
    eur: eur + i * 2,
    cny: cny + i * 15,
  }))
const volumes = (eur: number, cny: number): DemoVariant[] => [
  { value: "30ml", eur, cny },
  { value: "50ml", eur: eur + 12, cny: cny + 90 },
]

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    handle: "classic-tee-black",
    title: "Classic Tee Black",
    description: "Heavy cotton tee.",
    image: "tee-black-front.png",
    option: "Size",
    variants: sizes(19, 139),
  },
  {
    handle: "classic-tee-white",
    title: "Classic Tee White",
    description: "Heavy cotton tee.",
    image: "tee-white-front.png",
    option: "Size",
    variants: sizes(19, 139),
  },
  {
    handle: "vintage-sweatshirt",
    title: "Vintage Sweatshirt",
    description: "Washed fleece crewneck.",
    image: "sweatshirt-vintage-front.png",
    option: "Size",
    variants: sizes(49, 359),
  },
  {
    handle: "relaxed-sweatpants",
    title: "Relaxed Sweatpants",
    description: "Loose fit, brushed inside.",
    image: "sweatpants-gray-front.png",
    option: "Size",
    variants: sizes(45, 329),
  },
  {
    handle: "vintage-shorts",
    title: "Vintage Shorts",
    description: "Garment-dyed shorts.",
    image: "shorts-vintage-front.png",
    option: "Size",
    variants: sizes(35, 259),
  },
  {
    handle: "oversized-tee",
    title: "Oversized Tee",
    description: "Dropped shoulders, boxy cut.",
    image: "tee-white-back.png",
    option: "Size",
    variants: sizes(25, 179),
  },
  {
    handle: "hydrating-face-cream",
    title: "Hydrating Face Cream",
    description: "Ceramide night cream for dry skin.",
    image: "tee-white-front.png",
    option: "Volume",
    variants: volumes(29, 219),
  },
  {
    handle: "vitamin-c-serum",
    title: "Vitamin C Serum",
    description: "Brightening serum, 15% vitamin C.",
    image: "tee-black-front.png",
    option: "Volume",
    variants: volumes(34, 249),
  },
  {
    handle: "mineral-sunscreen",
    title: "Mineral Sunscreen SPF50",
    description: "No white cast.",
    image: "sweatshirt-vintage-back.png",
    option: "Volume",
    variants: volumes(24, 179),
  },
  {
    handle: "lip-oil",
    title: "Tinted Lip Oil",
    description: "Glossy, non-sticky.",
    image: "shorts-vintage-back.png",
    option: "Volume",
    variants: volumes(16, 119),
  },
  {
    handle: "canvas-tote",
    title: "Canvas Tote",
    description: "Heavy canvas, inner pocket.",
    image: "sweatpants-gray-back.png",
    option: "Size",
    variants: [{ value: "One size", eur: 22, cny: 159 }],
  },
  {
    handle: "wool-beanie",
    title: "Wool Beanie",
    description: "Merino rib knit.",
    image: "tee-black-back.png",
    option: "Size",
    variants: [{ value: "One size", eur: 18, cny: 129 }],
  },
]

export const DEMO_BUYERS = [
  {
    key: "lin",
    email: "lin@buyers.demo",
    first_name: "Lin",
    last_name: "Xiao",
    bio: "护肤和通勤穿搭 · skincare and commute outfits",
  },
  {
    key: "maya",
    email: "maya@buyers.demo",
    first_name: "Maya",
    last_name: "Berg",
    bio: "Dry-skin routines that work.",
  },
  {
    key: "jun",
    email: "jun@buyers.demo",
    first_name: "Jun",
    last_name: "Park",
    bio: "Basics, worn daily.",
  },
]

export type DemoNote = {
  title: string
  body: string
  tags: string[]
  locale: string
  author: string | null
  images: string[]
  products: string[]
  caption?: string
}

export const DEMO_NOTES: DemoNote[] = [
  {
    title: "冬天救命的面霜，干皮必入",
    body: "这款面霜很好用，质地厚但不油腻，晚上厚涂第二天脸还是软软的。\n\n**搭配**：先用精华，再上面霜。敏感肌也没有刺痛。",
    tags: ["护肤", "面霜", "干皮"],
    locale: "zh-CN",
    author: "lin",
    images: ["tee-white-front.png"],
    products: ["hydrating-face-cream", "vitamin-c-serum"],
    caption: "这款面霜",
  },
  {
    title: "My winter night routine for dry skin",
    body: "Vitamin C serum in the morning, a rich **ceramide cream** at night. My skin stopped flaking after a week.",
    tags: ["skincare", "night routine", "dry skin"],
    locale: "en",
    author: "maya",
    images: ["tee-black-front.png"],
    products: ["vitamin-c-serum", "hydrating-face-cream"],
    caption: "Serum first",
  },
  {
    title: "一周通勤穿搭｜基础款也能有质感",
    body: "黑白T恤轮流穿，外面套一件复古卫衣，下装是宽松运动裤。简单但不无聊。",
    tags: ["穿搭", "通勤", "基础款"],
    locale: "zh-CN",
    author: "lin",
    images: ["sweatshirt-vintage-front.png"],
    products: [
      "classic-tee-black",
      "classic-tee-white",
      "vintage-sweatshirt",
      "relaxed-sweatpants",
    ],
  },
  {
    title: "The only tee I buy now",
    body: "Heavy cotton that keeps its shape after fifty washes. I own it in black and white and wear one almost every day.",
    tags: ["basics", "menswear", "review"],
    locale: "en",
    author: "jun",
    images: ["tee-black-front.png", "tee-white-front.png"],
    products: ["classic-tee-black", "classic-tee-white"],
  },
  {
    title: "防晒霜测评：不假白、不搓泥",
    body: "物理防晒一直怕假白，这支完全没有。上妆前用也不搓泥，夏天通勤足够。",
    tags: ["防晒", "护肤", "测评"],
    locale: "zh-CN",
    author: "lin",
    images: ["sweatshirt-vintage-back.png"],
    products: ["mineral-sunscreen"],
  },
  {
    title: "Sunscreen that finally has no white cast",
    body: "Mineral sunscreens usually make me look grey. This one blends in within seconds and sits well under makeup.",
    tags: ["sunscreen", "skincare", "review"],
    locale: "en",
    author: "maya",
    images: ["sweatshirt-vintage-back.png"],
    products: ["mineral-sunscreen", "lip-oil"],
  },
  {
    title: "周末出门的懒人搭配",
    body: "oversize T恤配复古短裤，再背一个帆布包，十分钟出门。帆布包很能装，电脑也放得下。",
    tags: ["穿搭", "周末", "懒人"],
    locale: "zh-CN",
    author: "jun",
    images: ["shorts-vintage-front.png"],
    products: ["oversized-tee", "vintage-shorts", "canvas-tote"],
  },
  {
    title: "Cozy sweatpants I actually wear outside",
    body: "Relaxed fit, brushed inside, and they don't bag at the knees. Pair them with the vintage sweatshirt for a matching set.",
    tags: ["loungewear", "basics"],
    locale: "en",
    author: "jun",
    images: ["sweatpants-gray-front.png"],
    products: ["relaxed-sweatpants", "vintage-sweatshirt"],
  },
  {
    title: "唇油合集｜水光感不粘",
    body: "这支唇油颜色很温柔，薄涂是水光感，厚涂也不粘头发。放在包里随时补。",
    tags: ["彩妆", "唇油"],
    locale: "zh-CN",
    author: "maya",
    images: ["shorts-vintage-back.png"],
    products: ["lip-oil"],
  },
  {
    title: "What's in my tote",
    body: "A canvas tote that survives rain, a wool beanie for cold mornings, lip oil and sunscreen. That's my everyday kit.",
    tags: ["accessories", "everyday"],
    locale: "en",
    author: "maya",
    images: ["sweatpants-gray-back.png"],
    products: ["canvas-tote", "wool-beanie", "lip-oil", "mineral-sunscreen"],
  },
  {
    title: "秋冬必备毛线帽",
    body: "美利奴羊毛不扎头，戴一整天也不闷。黑色百搭，配卫衣或者大衣都好看。",
    tags: ["配饰", "秋冬", "穿搭"],
    locale: "zh-CN",
    author: "lin",
    images: ["tee-black-back.png"],
    products: ["wool-beanie", "vintage-sweatshirt"],
  },
  {
    title: "Store picks: our autumn edit",
    body: "Our team's favourites for the season: a washed sweatshirt, relaxed sweatpants and a merino beanie.",
    tags: ["editorial", "autumn"],
    locale: "en",
    author: null,
    images: ["sweatshirt-vintage-front.png"],
    products: ["vintage-sweatshirt", "relaxed-sweatpants", "wool-beanie"],
  },
  {
    title: "店铺推荐：护肤三件套",
    body: "精华、面霜、防晒，一套解决早晚护肤。新手也不会踩雷。",
    tags: ["护肤", "店铺推荐"],
    locale: "zh-CN",
    author: null,
    images: ["tee-white-front.png"],
    products: ["vitamin-c-serum", "hydrating-face-cream", "mineral-sunscreen"],
  },
  {
    title: "Oversized tee styling, three ways",
    body: "Tucked into shorts, layered under the sweatshirt, or alone with sweatpants. One boxy tee, three outfits.",
    tags: ["styling", "basics", "menswear"],
    locale: "en",
    author: "jun",
    images: ["tee-white-back.png"],
    products: ["oversized-tee", "vintage-shorts", "relaxed-sweatpants"],
  },
]
