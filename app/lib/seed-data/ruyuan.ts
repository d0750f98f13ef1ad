/**
 * The Ruyuan demo tenant as plain data: the org tree from 广东省 down to the 115 villages and
 * communities of 乳源瑶族自治县, a small second tenant (翁源县) to show cross-county isolation,
 * the support units and their pairings. `seed.server.ts` inserts it; tests assert against it.
 *
 * Everything below the county is synthetic except the names of the nine towns and of the
 * villages the source article names (云门村, 大潦坑村, 杨溪村, 东坟村, 一六村, 高源村, 岳坪村,
 * 坪山村, 塘盆村). Other villages are called 示例村 / 示例社区 ("demo village") so nobody
 * mistakes them for real places; secretaries, phones, households and population are invented.
 *
 * Division codes: province, city and county codes are the real ones (440000, 440200, 440232,
 * 440229). Town and village codes follow a documented scheme, NOT the official township codes:
 *   town       440232 TTT 000   TTT = 101…109 in the order 乳城, 一六, 桂头, 洛阳, 大布, 大桥, 东坪, 游溪, 必背
 *   community  440232 TTT 0NN   NN  = 01… (the national scheme numbers residents' committees 001–199)
 *   village    440232 TTT 2NN   NN  = 01… (and villagers' committees 200–399)
 * so a demo village's number in its name matches the last digits of its code (乳城示例村07 = 440232101207).
 * Support units carry short synthetic codes: GD-P.. provincial, SG-M.. municipal, RY-C.. county level.
 */
import type { OrgKind, UnitLevel, UnitType } from '../db-types'

export interface SeedOrg {
  code: string
  kind: Extract<OrgKind, 'province' | 'city' | 'county' | 'town'>
  name: string
  nameEn: string
  parentCode: string | null
}

export interface SeedVillage {
  code: string
  kind: Extract<OrgKind, 'village' | 'community'>
  name: string
  nameEn: string
  townCode: string
  secretaryName: string
  secretaryPhone: string
  households: number
  population: number
}

export interface SeedUnit {
  code: string
  name: string
  nameEn: string
  level: UnitLevel
  type: UnitType
  parentCode: string
}

export interface SeedPairing {
  unitCode: string
  villageCode: string
  startsOn: string
  endsOn: string | null
  isLead: boolean
}

export const PROVINCE_CODE = '440000'
export const CITY_CODE = '440200'
export const RUYUAN_CODE = '440232'
export const WENGYUAN_CODE = '440229'

/** Province, city, the two counties and their towns, parents first. */
export const REGIONS: readonly SeedOrg[] = [
  { code: '440000', kind: 'province', name: '广东省', nameEn: 'Guangdong Province', parentCode: null },
  { code: '440200', kind: 'city', name: '韶关市', nameEn: 'Shaoguan City', parentCode: '440000' },
  { code: '440232', kind: 'county', name: '乳源瑶族自治县', nameEn: 'Ruyuan Yao Autonomous County', parentCode: '440200' },
  { code: '440229', kind: 'county', name: '翁源县', nameEn: 'Wengyuan County', parentCode: '440200' },
  { code: '440232101000', kind: 'town', name: '乳城镇', nameEn: 'Rucheng Town', parentCode: '440232' },
  { code: '440232102000', kind: 'town', name: '一六镇', nameEn: 'Yiliu Town', parentCode: '440232' },
  { code: '440232103000', kind: 'town', name: '桂头镇', nameEn: 'Guitou Town', parentCode: '440232' },
  { code: '440232104000', kind: 'town', name: '洛阳镇', nameEn: 'Luoyang Town', parentCode: '440232' },
  { code: '440232105000', kind: 'town', name: '大布镇', nameEn: 'Dabu Town', parentCode: '440232' },
  { code: '440232106000', kind: 'town', name: '大桥镇', nameEn: 'Daqiao Town', parentCode: '440232' },
  { code: '440232107000', kind: 'town', name: '东坪镇', nameEn: 'Dongping Town', parentCode: '440232' },
  { code: '440232108000', kind: 'town', name: '游溪镇', nameEn: 'Youxi Town', parentCode: '440232' },
  { code: '440232109000', kind: 'town', name: '必背镇', nameEn: 'Bibei Town', parentCode: '440232' },
  { code: '440229101000', kind: 'town', name: '翁源示例镇', nameEn: 'Demo town (Wengyuan)', parentCode: '440229' },
]

/** The 115 villages (102) and communities (13) of Ruyuan, by town. */
export const RUYUAN_VILLAGES: readonly SeedVillage[] = [
  { code: '440232101001', kind: 'community', name: '乳城示例社区01', nameEn: 'Demo community 01 (Rucheng)', townCode: '440232101000', secretaryName: '邓建国', secretaryPhone: '138-0000-0001', households: 1845, population: 5616 },
  { code: '440232101002', kind: 'community', name: '乳城示例社区02', nameEn: 'Demo community 02 (Rucheng)', townCode: '440232101000', secretaryName: '李桂芳', secretaryPhone: '138-0000-0002', households: 2653, population: 8145 },
  { code: '440232101003', kind: 'community', name: '乳城示例社区03', nameEn: 'Demo community 03 (Rucheng)', townCode: '440232101000', secretaryName: '赵伟东', secretaryPhone: '138-0000-0003', households: 2850, population: 8203 },
  { code: '440232101004', kind: 'community', name: '乳城示例社区04', nameEn: 'Demo community 04 (Rucheng)', townCode: '440232101000', secretaryName: '盘月娥', secretaryPhone: '138-0000-0004', households: 2731, population: 8068 },
  { code: '440232101005', kind: 'community', name: '乳城示例社区05', nameEn: 'Demo community 05 (Rucheng)', townCode: '440232101000', secretaryName: '黄雪梅', secretaryPhone: '138-0000-0005', households: 2785, population: 9720 },
  { code: '440232101006', kind: 'community', name: '乳城示例社区06', nameEn: 'Demo community 06 (Rucheng)', townCode: '440232101000', secretaryName: '陈春生', secretaryPhone: '138-0000-0006', households: 1406, population: 4827 },
  { code: '440232101007', kind: 'community', name: '乳城示例社区07', nameEn: 'Demo community 07 (Rucheng)', townCode: '440232101000', secretaryName: '张秀英', secretaryPhone: '138-0000-0007', households: 2185, population: 7134 },
  { code: '440232101201', kind: 'village', name: '云门村', nameEn: 'Yunmen Village', townCode: '440232101000', secretaryName: '侯国强', secretaryPhone: '138-0000-0008', households: 538, population: 1859 },
  { code: '440232101202', kind: 'village', name: '乳城示例村02', nameEn: 'Demo village 02 (Rucheng)', townCode: '440232101000', secretaryName: '刘玉兰', secretaryPhone: '138-0000-0009', households: 753, population: 2601 },
  { code: '440232101203', kind: 'village', name: '乳城示例村03', nameEn: 'Demo village 03 (Rucheng)', townCode: '440232101000', secretaryName: '冯小燕', secretaryPhone: '138-0000-0010', households: 308, population: 1032 },
  { code: '440232101204', kind: 'village', name: '乳城示例村04', nameEn: 'Demo village 04 (Rucheng)', townCode: '440232101000', secretaryName: '罗志强', secretaryPhone: '138-0000-0011', households: 236, population: 1009 },
  { code: '440232101205', kind: 'village', name: '乳城示例村05', nameEn: 'Demo village 05 (Rucheng)', townCode: '440232101000', secretaryName: '曾红梅', secretaryPhone: '138-0000-0012', households: 686, population: 2777 },
  { code: '440232101206', kind: 'village', name: '乳城示例村06', nameEn: 'Demo village 06 (Rucheng)', townCode: '440232101000', secretaryName: '林晓玲', secretaryPhone: '138-0000-0013', households: 835, population: 2775 },
  { code: '440232101207', kind: 'village', name: '乳城示例村07', nameEn: 'Demo village 07 (Rucheng)', townCode: '440232101000', secretaryName: '何长青', secretaryPhone: '138-0000-0014', households: 946, population: 3784 },
  { code: '440232101208', kind: 'village', name: '乳城示例村08', nameEn: 'Demo village 08 (Rucheng)', townCode: '440232101000', secretaryName: '朱荣发', secretaryPhone: '138-0000-0015', households: 608, population: 2187 },
  { code: '440232101209', kind: 'village', name: '乳城示例村09', nameEn: 'Demo village 09 (Rucheng)', townCode: '440232101000', secretaryName: '谢国华', secretaryPhone: '138-0000-0016', households: 902, population: 3796 },
  { code: '440232101210', kind: 'village', name: '乳城示例村10', nameEn: 'Demo village 10 (Rucheng)', townCode: '440232101000', secretaryName: '钟金平', secretaryPhone: '138-0000-0017', households: 906, population: 3653 },
  { code: '440232101211', kind: 'village', name: '乳城示例村11', nameEn: 'Demo village 11 (Rucheng)', townCode: '440232101000', secretaryName: '侯振华', secretaryPhone: '138-0000-0018', households: 708, population: 2396 },
  { code: '440232101212', kind: 'village', name: '乳城示例村12', nameEn: 'Demo village 12 (Rucheng)', townCode: '440232101000', secretaryName: '周锦泉', secretaryPhone: '138-0000-0019', households: 211, population: 796 },
  { code: '440232102001', kind: 'community', name: '一六示例社区01', nameEn: 'Demo community 01 (Yiliu)', townCode: '440232102000', secretaryName: '温海燕', secretaryPhone: '138-0000-0020', households: 1801, population: 5634 },
  { code: '440232102201', kind: 'village', name: '东坟村', nameEn: 'Dongfen Village', townCode: '440232102000', secretaryName: '华德胜', secretaryPhone: '138-0000-0021', households: 602, population: 2281 },
  { code: '440232102202', kind: 'village', name: '一六村', nameEn: 'Yiliu Village', townCode: '440232102000', secretaryName: '邓水生', secretaryPhone: '138-0000-0022', households: 728, population: 3026 },
  { code: '440232102203', kind: 'village', name: '一六示例村03', nameEn: 'Demo village 03 (Yiliu)', townCode: '440232102000', secretaryName: '李光荣', secretaryPhone: '138-0000-0023', households: 356, population: 1383 },
  { code: '440232102204', kind: 'village', name: '一六示例村04', nameEn: 'Demo village 04 (Yiliu)', townCode: '440232102000', secretaryName: '赵建国', secretaryPhone: '138-0000-0024', households: 792, population: 2803 },
  { code: '440232102205', kind: 'village', name: '一六示例村05', nameEn: 'Demo village 05 (Yiliu)', townCode: '440232102000', secretaryName: '盘桂芳', secretaryPhone: '138-0000-0025', households: 599, population: 2205 },
  { code: '440232102206', kind: 'village', name: '一六示例村06', nameEn: 'Demo village 06 (Yiliu)', townCode: '440232102000', secretaryName: '黄伟东', secretaryPhone: '138-0000-0026', households: 697, population: 2543 },
  { code: '440232102207', kind: 'village', name: '一六示例村07', nameEn: 'Demo village 07 (Yiliu)', townCode: '440232102000', secretaryName: '陈月娥', secretaryPhone: '138-0000-0027', households: 524, population: 1852 },
  { code: '440232102208', kind: 'village', name: '一六示例村08', nameEn: 'Demo village 08 (Yiliu)', townCode: '440232102000', secretaryName: '张雪梅', secretaryPhone: '138-0000-0028', households: 265, population: 971 },
  { code: '440232102209', kind: 'village', name: '一六示例村09', nameEn: 'Demo village 09 (Yiliu)', townCode: '440232102000', secretaryName: '刘春生', secretaryPhone: '138-0000-0029', households: 256, population: 1032 },
  { code: '440232102210', kind: 'village', name: '一六示例村10', nameEn: 'Demo village 10 (Yiliu)', townCode: '440232102000', secretaryName: '冯秀英', secretaryPhone: '138-0000-0030', households: 447, population: 1913 },
  { code: '440232102211', kind: 'village', name: '一六示例村11', nameEn: 'Demo village 11 (Yiliu)', townCode: '440232102000', secretaryName: '罗玉兰', secretaryPhone: '138-0000-0031', households: 523, population: 1923 },
  { code: '440232102212', kind: 'village', name: '一六示例村12', nameEn: 'Demo village 12 (Yiliu)', townCode: '440232102000', secretaryName: '曾小燕', secretaryPhone: '138-0000-0032', households: 288, population: 1133 },
  { code: '440232102213', kind: 'village', name: '一六示例村13', nameEn: 'Demo village 13 (Yiliu)', townCode: '440232102000', secretaryName: '林志强', secretaryPhone: '138-0000-0033', households: 804, population: 3311 },
  { code: '440232103001', kind: 'community', name: '桂头示例社区01', nameEn: 'Demo community 01 (Guitou)', townCode: '440232103000', secretaryName: '何红梅', secretaryPhone: '138-0000-0034', households: 1580, population: 4583 },
  { code: '440232103201', kind: 'village', name: '杨溪村', nameEn: 'Yangxi Village', townCode: '440232103000', secretaryName: '朱晓玲', secretaryPhone: '138-0000-0035', households: 192, population: 649 },
  { code: '440232103202', kind: 'village', name: '桂头示例村02', nameEn: 'Demo village 02 (Guitou)', townCode: '440232103000', secretaryName: '谢长青', secretaryPhone: '138-0000-0036', households: 963, population: 3705 },
  { code: '440232103203', kind: 'village', name: '桂头示例村03', nameEn: 'Demo village 03 (Guitou)', townCode: '440232103000', secretaryName: '钟荣发', secretaryPhone: '138-0000-0037', households: 219, population: 905 },
  { code: '440232103204', kind: 'village', name: '桂头示例村04', nameEn: 'Demo village 04 (Guitou)', townCode: '440232103000', secretaryName: '侯国华', secretaryPhone: '138-0000-0038', households: 290, population: 1147 },
  { code: '440232103205', kind: 'village', name: '桂头示例村05', nameEn: 'Demo village 05 (Guitou)', townCode: '440232103000', secretaryName: '周金平', secretaryPhone: '138-0000-0039', households: 704, population: 2379 },
  { code: '440232103206', kind: 'village', name: '桂头示例村06', nameEn: 'Demo village 06 (Guitou)', townCode: '440232103000', secretaryName: '温振华', secretaryPhone: '138-0000-0040', households: 711, population: 2512 },
  { code: '440232103207', kind: 'village', name: '桂头示例村07', nameEn: 'Demo village 07 (Guitou)', townCode: '440232103000', secretaryName: '华锦泉', secretaryPhone: '138-0000-0041', households: 317, population: 1183 },
  { code: '440232103208', kind: 'village', name: '桂头示例村08', nameEn: 'Demo village 08 (Guitou)', townCode: '440232103000', secretaryName: '邓丽萍', secretaryPhone: '138-0000-0042', households: 544, population: 2052 },
  { code: '440232103209', kind: 'village', name: '桂头示例村09', nameEn: 'Demo village 09 (Guitou)', townCode: '440232103000', secretaryName: '李文辉', secretaryPhone: '138-0000-0043', households: 950, population: 4013 },
  { code: '440232103210', kind: 'village', name: '桂头示例村10', nameEn: 'Demo village 10 (Guitou)', townCode: '440232103000', secretaryName: '赵水生', secretaryPhone: '138-0000-0044', households: 853, population: 3110 },
  { code: '440232103211', kind: 'village', name: '桂头示例村11', nameEn: 'Demo village 11 (Guitou)', townCode: '440232103000', secretaryName: '盘光荣', secretaryPhone: '138-0000-0045', households: 600, population: 2447 },
  { code: '440232103212', kind: 'village', name: '桂头示例村12', nameEn: 'Demo village 12 (Guitou)', townCode: '440232103000', secretaryName: '黄建国', secretaryPhone: '138-0000-0046', households: 836, population: 2968 },
  { code: '440232103213', kind: 'village', name: '桂头示例村13', nameEn: 'Demo village 13 (Guitou)', townCode: '440232103000', secretaryName: '陈桂芳', secretaryPhone: '138-0000-0047', households: 624, population: 2603 },
  { code: '440232103214', kind: 'village', name: '桂头示例村14', nameEn: 'Demo village 14 (Guitou)', townCode: '440232103000', secretaryName: '张伟东', secretaryPhone: '138-0000-0048', households: 417, population: 1435 },
  { code: '440232104001', kind: 'community', name: '洛阳示例社区01', nameEn: 'Demo community 01 (Luoyang)', townCode: '440232104000', secretaryName: '刘月娥', secretaryPhone: '138-0000-0049', households: 1432, population: 4560 },
  { code: '440232104201', kind: 'village', name: '高源村', nameEn: 'Gaoyuan Village', townCode: '440232104000', secretaryName: '冯雪梅', secretaryPhone: '138-0000-0050', households: 386, population: 1579 },
  { code: '440232104202', kind: 'village', name: '岳坪村', nameEn: 'Yueping Village', townCode: '440232104000', secretaryName: '罗春生', secretaryPhone: '138-0000-0051', households: 952, population: 3984 },
  { code: '440232104203', kind: 'village', name: '洛阳示例村03', nameEn: 'Demo village 03 (Luoyang)', townCode: '440232104000', secretaryName: '曾秀英', secretaryPhone: '138-0000-0052', households: 263, population: 1084 },
  { code: '440232104204', kind: 'village', name: '洛阳示例村04', nameEn: 'Demo village 04 (Luoyang)', townCode: '440232104000', secretaryName: '林玉兰', secretaryPhone: '138-0000-0053', households: 267, population: 1006 },
  { code: '440232104205', kind: 'village', name: '洛阳示例村05', nameEn: 'Demo village 05 (Luoyang)', townCode: '440232104000', secretaryName: '何小燕', secretaryPhone: '138-0000-0054', households: 445, population: 1842 },
  { code: '440232104206', kind: 'village', name: '洛阳示例村06', nameEn: 'Demo village 06 (Luoyang)', townCode: '440232104000', secretaryName: '朱志强', secretaryPhone: '138-0000-0055', households: 755, population: 3130 },
  { code: '440232104207', kind: 'village', name: '洛阳示例村07', nameEn: 'Demo village 07 (Luoyang)', townCode: '440232104000', secretaryName: '谢红梅', secretaryPhone: '138-0000-0056', households: 299, population: 1269 },
  { code: '440232104208', kind: 'village', name: '洛阳示例村08', nameEn: 'Demo village 08 (Luoyang)', townCode: '440232104000', secretaryName: '钟晓玲', secretaryPhone: '138-0000-0057', households: 366, population: 1330 },
  { code: '440232104209', kind: 'village', name: '洛阳示例村09', nameEn: 'Demo village 09 (Luoyang)', townCode: '440232104000', secretaryName: '侯长青', secretaryPhone: '138-0000-0058', households: 276, population: 1106 },
  { code: '440232104210', kind: 'village', name: '洛阳示例村10', nameEn: 'Demo village 10 (Luoyang)', townCode: '440232104000', secretaryName: '周荣发', secretaryPhone: '138-0000-0059', households: 884, population: 3430 },
  { code: '440232105001', kind: 'community', name: '大布示例社区01', nameEn: 'Demo community 01 (Dabu)', townCode: '440232105000', secretaryName: '温国华', secretaryPhone: '138-0000-0060', households: 2887, population: 9653 },
  { code: '440232105201', kind: 'village', name: '坪山村', nameEn: 'Pingshan Village', townCode: '440232105000', secretaryName: '华金平', secretaryPhone: '138-0000-0061', households: 735, population: 2796 },
  { code: '440232105202', kind: 'village', name: '大布示例村02', nameEn: 'Demo village 02 (Dabu)', townCode: '440232105000', secretaryName: '邓富强', secretaryPhone: '138-0000-0062', households: 900, population: 3512 },
  { code: '440232105203', kind: 'village', name: '大布示例村03', nameEn: 'Demo village 03 (Dabu)', townCode: '440232105000', secretaryName: '李汉文', secretaryPhone: '138-0000-0063', households: 558, population: 2009 },
  { code: '440232105204', kind: 'village', name: '大布示例村04', nameEn: 'Demo village 04 (Dabu)', townCode: '440232105000', secretaryName: '赵丽萍', secretaryPhone: '138-0000-0064', households: 325, population: 1249 },
  { code: '440232105205', kind: 'village', name: '大布示例村05', nameEn: 'Demo village 05 (Dabu)', townCode: '440232105000', secretaryName: '盘文辉', secretaryPhone: '138-0000-0065', households: 476, population: 2012 },
  { code: '440232105206', kind: 'village', name: '大布示例村06', nameEn: 'Demo village 06 (Dabu)', townCode: '440232105000', secretaryName: '黄水生', secretaryPhone: '138-0000-0066', households: 299, population: 1179 },
  { code: '440232105207', kind: 'village', name: '大布示例村07', nameEn: 'Demo village 07 (Dabu)', townCode: '440232105000', secretaryName: '陈光荣', secretaryPhone: '138-0000-0067', households: 878, population: 3427 },
  { code: '440232105208', kind: 'village', name: '大布示例村08', nameEn: 'Demo village 08 (Dabu)', townCode: '440232105000', secretaryName: '张建国', secretaryPhone: '138-0000-0068', households: 810, population: 2677 },
  { code: '440232105209', kind: 'village', name: '大布示例村09', nameEn: 'Demo village 09 (Dabu)', townCode: '440232105000', secretaryName: '刘桂芳', secretaryPhone: '138-0000-0069', households: 196, population: 813 },
  { code: '440232105210', kind: 'village', name: '大布示例村10', nameEn: 'Demo village 10 (Dabu)', townCode: '440232105000', secretaryName: '冯伟东', secretaryPhone: '138-0000-0070', households: 648, population: 2735 },
  { code: '440232105211', kind: 'village', name: '大布示例村11', nameEn: 'Demo village 11 (Dabu)', townCode: '440232105000', secretaryName: '罗月娥', secretaryPhone: '138-0000-0071', households: 454, population: 1518 },
  { code: '440232105212', kind: 'village', name: '大布示例村12', nameEn: 'Demo village 12 (Dabu)', townCode: '440232105000', secretaryName: '曾雪梅', secretaryPhone: '138-0000-0072', households: 815, population: 2956 },
  { code: '440232106001', kind: 'community', name: '大桥示例社区01', nameEn: 'Demo community 01 (Daqiao)', townCode: '440232106000', secretaryName: '林春生', secretaryPhone: '138-0000-0073', households: 2812, population: 9121 },
  { code: '440232106201', kind: 'village', name: '大桥示例村01', nameEn: 'Demo village 01 (Daqiao)', townCode: '440232106000', secretaryName: '何秀英', secretaryPhone: '138-0000-0074', households: 366, population: 1355 },
  { code: '440232106202', kind: 'village', name: '大桥示例村02', nameEn: 'Demo village 02 (Daqiao)', townCode: '440232106000', secretaryName: '朱玉兰', secretaryPhone: '138-0000-0075', households: 686, population: 2453 },
  { code: '440232106203', kind: 'village', name: '大桥示例村03', nameEn: 'Demo village 03 (Daqiao)', townCode: '440232106000', secretaryName: '谢小燕', secretaryPhone: '138-0000-0076', households: 931, population: 3594 },
  { code: '440232106204', kind: 'village', name: '大桥示例村04', nameEn: 'Demo village 04 (Daqiao)', townCode: '440232106000', secretaryName: '钟志强', secretaryPhone: '138-0000-0077', households: 638, population: 2555 },
  { code: '440232106205', kind: 'village', name: '大桥示例村05', nameEn: 'Demo village 05 (Daqiao)', townCode: '440232106000', secretaryName: '侯红梅', secretaryPhone: '138-0000-0078', households: 643, population: 2124 },
  { code: '440232106206', kind: 'village', name: '大桥示例村06', nameEn: 'Demo village 06 (Daqiao)', townCode: '440232106000', secretaryName: '周晓玲', secretaryPhone: '138-0000-0079', households: 975, population: 3372 },
  { code: '440232106207', kind: 'village', name: '大桥示例村07', nameEn: 'Demo village 07 (Daqiao)', townCode: '440232106000', secretaryName: '温长青', secretaryPhone: '138-0000-0080', households: 277, population: 1124 },
  { code: '440232106208', kind: 'village', name: '大桥示例村08', nameEn: 'Demo village 08 (Daqiao)', townCode: '440232106000', secretaryName: '华荣发', secretaryPhone: '138-0000-0081', households: 285, population: 1042 },
  { code: '440232106209', kind: 'village', name: '大桥示例村09', nameEn: 'Demo village 09 (Daqiao)', townCode: '440232106000', secretaryName: '邓永明', secretaryPhone: '138-0000-0082', households: 412, population: 1626 },
  { code: '440232106210', kind: 'village', name: '大桥示例村10', nameEn: 'Demo village 10 (Daqiao)', townCode: '440232106000', secretaryName: '李少华', secretaryPhone: '138-0000-0083', households: 224, population: 937 },
  { code: '440232106211', kind: 'village', name: '大桥示例村11', nameEn: 'Demo village 11 (Daqiao)', townCode: '440232106000', secretaryName: '赵富强', secretaryPhone: '138-0000-0084', households: 707, population: 2533 },
  { code: '440232106212', kind: 'village', name: '大桥示例村12', nameEn: 'Demo village 12 (Daqiao)', townCode: '440232106000', secretaryName: '盘汉文', secretaryPhone: '138-0000-0085', households: 897, population: 3047 },
  { code: '440232106213', kind: 'village', name: '大桥示例村13', nameEn: 'Demo village 13 (Daqiao)', townCode: '440232106000', secretaryName: '黄丽萍', secretaryPhone: '138-0000-0086', households: 610, population: 2392 },
  { code: '440232106214', kind: 'village', name: '大桥示例村14', nameEn: 'Demo village 14 (Daqiao)', townCode: '440232106000', secretaryName: '陈文辉', secretaryPhone: '138-0000-0087', households: 323, population: 1246 },
  { code: '440232107201', kind: 'village', name: '塘盆村', nameEn: 'Tangpen Village', townCode: '440232107000', secretaryName: '张水生', secretaryPhone: '138-0000-0088', households: 917, population: 3362 },
  { code: '440232107202', kind: 'village', name: '东坪示例村02', nameEn: 'Demo village 02 (Dongping)', townCode: '440232107000', secretaryName: '刘光荣', secretaryPhone: '138-0000-0089', households: 546, population: 1819 },
  { code: '440232107203', kind: 'village', name: '东坪示例村03', nameEn: 'Demo village 03 (Dongping)', townCode: '440232107000', secretaryName: '冯建国', secretaryPhone: '138-0000-0090', households: 227, population: 924 },
  { code: '440232107204', kind: 'village', name: '东坪示例村04', nameEn: 'Demo village 04 (Dongping)', townCode: '440232107000', secretaryName: '罗桂芳', secretaryPhone: '138-0000-0091', households: 199, population: 720 },
  { code: '440232107205', kind: 'village', name: '东坪示例村05', nameEn: 'Demo village 05 (Dongping)', townCode: '440232107000', secretaryName: '曾伟东', secretaryPhone: '138-0000-0092', households: 161, population: 542 },
  { code: '440232107206', kind: 'village', name: '东坪示例村06', nameEn: 'Demo village 06 (Dongping)', townCode: '440232107000', secretaryName: '林月娥', secretaryPhone: '138-0000-0093', households: 221, population: 828 },
  { code: '440232107207', kind: 'village', name: '东坪示例村07', nameEn: 'Demo village 07 (Dongping)', townCode: '440232107000', secretaryName: '何雪梅', secretaryPhone: '138-0000-0094', households: 463, population: 1710 },
  { code: '440232107208', kind: 'village', name: '东坪示例村08', nameEn: 'Demo village 08 (Dongping)', townCode: '440232107000', secretaryName: '朱春生', secretaryPhone: '138-0000-0095', households: 584, population: 2471 },
  { code: '440232107209', kind: 'village', name: '东坪示例村09', nameEn: 'Demo village 09 (Dongping)', townCode: '440232107000', secretaryName: '谢秀英', secretaryPhone: '138-0000-0096', households: 502, population: 2034 },
  { code: '440232108001', kind: 'community', name: '游溪示例社区01', nameEn: 'Demo community 01 (Youxi)', townCode: '440232108000', secretaryName: '钟玉兰', secretaryPhone: '138-0000-0097', households: 2985, population: 10613 },
  { code: '440232108201', kind: 'village', name: '大潦坑村', nameEn: 'Daliaokeng Village', townCode: '440232108000', secretaryName: '赵德明', secretaryPhone: '138-0000-0098', households: 196, population: 701 },
  { code: '440232108202', kind: 'village', name: '游溪示例村02', nameEn: 'Demo village 02 (Youxi)', townCode: '440232108000', secretaryName: '侯小燕', secretaryPhone: '138-0000-0099', households: 209, population: 692 },
  { code: '440232108203', kind: 'village', name: '游溪示例村03', nameEn: 'Demo village 03 (Youxi)', townCode: '440232108000', secretaryName: '周志强', secretaryPhone: '138-0000-0100', households: 886, population: 3121 },
  { code: '440232108204', kind: 'village', name: '游溪示例村04', nameEn: 'Demo village 04 (Youxi)', townCode: '440232108000', secretaryName: '温红梅', secretaryPhone: '138-0000-0101', households: 825, population: 2812 },
  { code: '440232108205', kind: 'village', name: '游溪示例村05', nameEn: 'Demo village 05 (Youxi)', townCode: '440232108000', secretaryName: '华晓玲', secretaryPhone: '138-0000-0102', households: 967, population: 3612 },
  { code: '440232108206', kind: 'village', name: '游溪示例村06', nameEn: 'Demo village 06 (Youxi)', townCode: '440232108000', secretaryName: '邓卫民', secretaryPhone: '138-0000-0103', households: 861, population: 3658 },
  { code: '440232108207', kind: 'village', name: '游溪示例村07', nameEn: 'Demo village 07 (Youxi)', townCode: '440232108000', secretaryName: '李亚军', secretaryPhone: '138-0000-0104', households: 235, population: 981 },
  { code: '440232108208', kind: 'village', name: '游溪示例村08', nameEn: 'Demo village 08 (Youxi)', townCode: '440232108000', secretaryName: '赵永明', secretaryPhone: '138-0000-0105', households: 218, population: 898 },
  { code: '440232108209', kind: 'village', name: '游溪示例村09', nameEn: 'Demo village 09 (Youxi)', townCode: '440232108000', secretaryName: '盘少华', secretaryPhone: '138-0000-0106', households: 846, population: 3228 },
  { code: '440232109201', kind: 'village', name: '必背示例村01', nameEn: 'Demo village 01 (Bibei)', townCode: '440232109000', secretaryName: '黄富强', secretaryPhone: '138-0000-0107', households: 752, population: 2674 },
  { code: '440232109202', kind: 'village', name: '必背示例村02', nameEn: 'Demo village 02 (Bibei)', townCode: '440232109000', secretaryName: '陈汉文', secretaryPhone: '138-0000-0108', households: 865, population: 2892 },
  { code: '440232109203', kind: 'village', name: '必背示例村03', nameEn: 'Demo village 03 (Bibei)', townCode: '440232109000', secretaryName: '张丽萍', secretaryPhone: '138-0000-0109', households: 935, population: 3328 },
  { code: '440232109204', kind: 'village', name: '必背示例村04', nameEn: 'Demo village 04 (Bibei)', townCode: '440232109000', secretaryName: '刘文辉', secretaryPhone: '138-0000-0110', households: 461, population: 1707 },
  { code: '440232109205', kind: 'village', name: '必背示例村05', nameEn: 'Demo village 05 (Bibei)', townCode: '440232109000', secretaryName: '冯水生', secretaryPhone: '138-0000-0111', households: 364, population: 1243 },
  { code: '440232109206', kind: 'village', name: '必背示例村06', nameEn: 'Demo village 06 (Bibei)', townCode: '440232109000', secretaryName: '罗光荣', secretaryPhone: '138-0000-0112', households: 424, population: 1606 },
  { code: '440232109207', kind: 'village', name: '必背示例村07', nameEn: 'Demo village 07 (Bibei)', townCode: '440232109000', secretaryName: '曾建国', secretaryPhone: '138-0000-0113', households: 695, population: 2406 },
  { code: '440232109208', kind: 'village', name: '必背示例村08', nameEn: 'Demo village 08 (Bibei)', townCode: '440232109000', secretaryName: '林桂芳', secretaryPhone: '138-0000-0114', households: 865, population: 3211 },
  { code: '440232109209', kind: 'village', name: '必背示例村09', nameEn: 'Demo village 09 (Bibei)', townCode: '440232109000', secretaryName: '何伟东', secretaryPhone: '138-0000-0115', households: 515, population: 1880 },
]

/** The second tenant's two villages. */
export const WENGYUAN_VILLAGES: readonly SeedVillage[] = [
  { code: '440229101201', kind: 'village', name: '翁源示例村01', nameEn: 'Demo village 01 (Wengyuan)', townCode: '440229101000', secretaryName: '钟永福', secretaryPhone: '138-0000-0201', households: 412, population: 1570 },
  { code: '440229101202', kind: 'village', name: '翁源示例村02', nameEn: 'Demo village 02 (Wengyuan)', townCode: '440229101000', secretaryName: '温丽华', secretaryPhone: '138-0000-0202', households: 365, population: 1322 },
]

/** Support units: provincial under 广东省, municipal under 韶关市, county level under 乳源. */
export const UNITS: readonly SeedUnit[] = [
  // GD-P01 is paired in both counties (province.liaison@ruyuan.demo)
  { code: 'GD-P01', name: '省直示例帮扶单位一', nameEn: 'Provincial demo support unit 1', level: 'provincial', type: 'agency', parentCode: '440000' },
  { code: 'GD-P02', name: '省直示例帮扶单位二', nameEn: 'Provincial demo support unit 2', level: 'provincial', type: 'institution', parentCode: '440000' },
  { code: 'GD-P03', name: '省属示例企业一', nameEn: 'Provincial demo enterprise 1', level: 'provincial', type: 'enterprise', parentCode: '440000' },
  { code: 'SG-M01', name: '市直示例帮扶单位一', nameEn: 'Municipal demo support unit 1', level: 'municipal', type: 'agency', parentCode: '440200' },
  { code: 'SG-M02', name: '市直示例事业单位一', nameEn: 'Municipal demo institution 1', level: 'municipal', type: 'institution', parentCode: '440200' },
  { code: 'SG-M03', name: '市属示例企业一', nameEn: 'Municipal demo enterprise 1', level: 'municipal', type: 'enterprise', parentCode: '440200' },
  // RY-C01 is the unit of unit.liaison@ruyuan.demo
  { code: 'RY-C01', name: '县财政局', nameEn: 'County Finance Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C02', name: '县农业农村局', nameEn: 'County Agriculture and Rural Affairs Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C03', name: '县教育局', nameEn: 'County Education Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C04', name: '县卫生健康局', nameEn: 'County Health Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C05', name: '县人力资源和社会保障局', nameEn: 'County Human Resources and Social Security Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C06', name: '县自然资源局', nameEn: 'County Natural Resources Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C07', name: '县交通运输局', nameEn: 'County Transport Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C08', name: '县水务局', nameEn: 'County Water Affairs Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C09', name: '县林业局', nameEn: 'County Forestry Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C10', name: '县住房和城乡建设局', nameEn: 'County Housing and Urban-Rural Development Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C11', name: '县市场监督管理局', nameEn: 'County Market Supervision Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C12', name: '县民政局', nameEn: 'County Civil Affairs Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C13', name: '县司法局', nameEn: 'County Justice Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C14', name: '县公安局', nameEn: 'County Public Security Bureau', level: 'county', type: 'agency', parentCode: '440232' },
  { code: 'RY-C15', name: '县示例人民医院', nameEn: 'County demo people\'s hospital', level: 'county', type: 'institution', parentCode: '440232' },
  { code: 'RY-C16', name: '县示例中学', nameEn: 'County demo middle school', level: 'county', type: 'institution', parentCode: '440232' },
  { code: 'RY-C17', name: '县示例职业技术学校', nameEn: 'County demo vocational school', level: 'county', type: 'institution', parentCode: '440232' },
  { code: 'RY-C18', name: '县示例国有企业一', nameEn: 'County demo state-owned enterprise 1', level: 'county', type: 'enterprise', parentCode: '440232' },
  { code: 'RY-C19', name: '县示例国有企业二', nameEn: 'County demo state-owned enterprise 2', level: 'county', type: 'enterprise', parentCode: '440232' },
  // RY-C20 has no pairing: the unpaired-unit case
  { code: 'RY-C20', name: '县统计局', nameEn: 'County Statistics Bureau', level: 'county', type: 'agency', parentCode: '440232' },
]

/**
 * Unit ↔ village pairings. Every Ruyuan village has an active pairing; a village with several
 * units ("several-to-one": 大潦坑村, 东坟村, 岳坪村, 坪山村) has exactly one lead; every village
 * has exactly one active lead. RY-C01's pairing with 乳城示例社区01 ended in 2025 and is kept as history.
 */
export const PAIRINGS: readonly SeedPairing[] = [
  { unitCode: 'RY-C01', villageCode: '440232101201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 云门村
  { unitCode: 'RY-C01', villageCode: '440232101202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村02
  { unitCode: 'RY-C01', villageCode: '440232101203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村03
  { unitCode: 'RY-C01', villageCode: '440232101001', startsOn: '2024-03-01', endsOn: '2025-02-28', isLead: true }, // 乳城示例社区01 — ended: history kept
  { unitCode: 'GD-P01', villageCode: '440232104201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 高源村
  { unitCode: 'GD-P02', villageCode: '440232108201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大潦坑村
  { unitCode: 'RY-C07', villageCode: '440232108201', startsOn: '2025-01-01', endsOn: null, isLead: false }, // 大潦坑村
  { unitCode: 'SG-M01', villageCode: '440232102201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坟村
  { unitCode: 'RY-C12', villageCode: '440232102201', startsOn: '2025-01-01', endsOn: null, isLead: false }, // 东坟村
  { unitCode: 'RY-C02', villageCode: '440232104202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 岳坪村
  { unitCode: 'SG-M03', villageCode: '440232104202', startsOn: '2024-06-01', endsOn: null, isLead: false }, // 岳坪村
  { unitCode: 'GD-P03', villageCode: '440232105201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 坪山村
  { unitCode: 'RY-C08', villageCode: '440232105201', startsOn: '2025-01-01', endsOn: null, isLead: false }, // 坪山村
  { unitCode: 'RY-C18', villageCode: '440232105201', startsOn: '2025-01-01', endsOn: null, isLead: false }, // 坪山村
  { unitCode: 'GD-P02', villageCode: '440232101001', startsOn: '2025-03-01', endsOn: null, isLead: true }, // 乳城示例社区01
  { unitCode: 'GD-P02', villageCode: '440232101002', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区02
  { unitCode: 'GD-P02', villageCode: '440232101003', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区03
  { unitCode: 'GD-P02', villageCode: '440232101004', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区04
  { unitCode: 'GD-P02', villageCode: '440232101005', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区05
  { unitCode: 'GD-P03', villageCode: '440232101006', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区06
  { unitCode: 'GD-P03', villageCode: '440232101007', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例社区07
  { unitCode: 'GD-P03', villageCode: '440232101204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村04
  { unitCode: 'GD-P03', villageCode: '440232101205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村05
  { unitCode: 'GD-P03', villageCode: '440232101206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村06
  { unitCode: 'SG-M01', villageCode: '440232101207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村07
  { unitCode: 'SG-M01', villageCode: '440232101208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村08
  { unitCode: 'SG-M01', villageCode: '440232101209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村09
  { unitCode: 'SG-M01', villageCode: '440232101210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村10
  { unitCode: 'SG-M01', villageCode: '440232101211', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村11
  { unitCode: 'SG-M02', villageCode: '440232101212', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 乳城示例村12
  { unitCode: 'SG-M02', villageCode: '440232102001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例社区01
  { unitCode: 'SG-M02', villageCode: '440232102202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六村
  { unitCode: 'SG-M02', villageCode: '440232102203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村03
  { unitCode: 'SG-M02', villageCode: '440232102204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村04
  { unitCode: 'SG-M03', villageCode: '440232102205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村05
  { unitCode: 'SG-M03', villageCode: '440232102206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村06
  { unitCode: 'SG-M03', villageCode: '440232102207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村07
  { unitCode: 'SG-M03', villageCode: '440232102208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村08
  { unitCode: 'SG-M03', villageCode: '440232102209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村09
  { unitCode: 'RY-C02', villageCode: '440232102210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村10
  { unitCode: 'RY-C02', villageCode: '440232102211', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村11
  { unitCode: 'RY-C02', villageCode: '440232102212', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村12
  { unitCode: 'RY-C02', villageCode: '440232102213', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 一六示例村13
  { unitCode: 'RY-C02', villageCode: '440232103001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例社区01
  { unitCode: 'RY-C03', villageCode: '440232103201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 杨溪村
  { unitCode: 'RY-C03', villageCode: '440232103202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村02
  { unitCode: 'RY-C03', villageCode: '440232103203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村03
  { unitCode: 'RY-C03', villageCode: '440232103204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村04
  { unitCode: 'RY-C03', villageCode: '440232103205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村05
  { unitCode: 'RY-C04', villageCode: '440232103206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村06
  { unitCode: 'RY-C04', villageCode: '440232103207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村07
  { unitCode: 'RY-C04', villageCode: '440232103208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村08
  { unitCode: 'RY-C04', villageCode: '440232103209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村09
  { unitCode: 'RY-C04', villageCode: '440232103210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村10
  { unitCode: 'RY-C05', villageCode: '440232103211', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村11
  { unitCode: 'RY-C05', villageCode: '440232103212', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村12
  { unitCode: 'RY-C05', villageCode: '440232103213', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村13
  { unitCode: 'RY-C05', villageCode: '440232103214', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 桂头示例村14
  { unitCode: 'RY-C05', villageCode: '440232104001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例社区01
  { unitCode: 'RY-C06', villageCode: '440232104203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村03
  { unitCode: 'RY-C06', villageCode: '440232104204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村04
  { unitCode: 'RY-C06', villageCode: '440232104205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村05
  { unitCode: 'RY-C06', villageCode: '440232104206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村06
  { unitCode: 'RY-C06', villageCode: '440232104207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村07
  { unitCode: 'RY-C07', villageCode: '440232104208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村08
  { unitCode: 'RY-C07', villageCode: '440232104209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村09
  { unitCode: 'RY-C07', villageCode: '440232104210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 洛阳示例村10
  { unitCode: 'RY-C07', villageCode: '440232105001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例社区01
  { unitCode: 'RY-C07', villageCode: '440232105202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村02
  { unitCode: 'RY-C08', villageCode: '440232105203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村03
  { unitCode: 'RY-C08', villageCode: '440232105204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村04
  { unitCode: 'RY-C08', villageCode: '440232105205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村05
  { unitCode: 'RY-C08', villageCode: '440232105206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村06
  { unitCode: 'RY-C08', villageCode: '440232105207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村07
  { unitCode: 'RY-C09', villageCode: '440232105208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村08
  { unitCode: 'RY-C09', villageCode: '440232105209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村09
  { unitCode: 'RY-C09', villageCode: '440232105210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村10
  { unitCode: 'RY-C09', villageCode: '440232105211', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村11
  { unitCode: 'RY-C09', villageCode: '440232105212', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大布示例村12
  { unitCode: 'RY-C10', villageCode: '440232106001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例社区01
  { unitCode: 'RY-C10', villageCode: '440232106201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村01
  { unitCode: 'RY-C10', villageCode: '440232106202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村02
  { unitCode: 'RY-C10', villageCode: '440232106203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村03
  { unitCode: 'RY-C10', villageCode: '440232106204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村04
  { unitCode: 'RY-C11', villageCode: '440232106205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村05
  { unitCode: 'RY-C11', villageCode: '440232106206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村06
  { unitCode: 'RY-C11', villageCode: '440232106207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村07
  { unitCode: 'RY-C11', villageCode: '440232106208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村08
  { unitCode: 'RY-C11', villageCode: '440232106209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村09
  { unitCode: 'RY-C12', villageCode: '440232106210', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村10
  { unitCode: 'RY-C12', villageCode: '440232106211', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村11
  { unitCode: 'RY-C12', villageCode: '440232106212', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村12
  { unitCode: 'RY-C12', villageCode: '440232106213', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村13
  { unitCode: 'RY-C13', villageCode: '440232106214', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 大桥示例村14
  { unitCode: 'RY-C13', villageCode: '440232107201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 塘盆村
  { unitCode: 'RY-C13', villageCode: '440232107202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村02
  { unitCode: 'RY-C13', villageCode: '440232107203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村03
  { unitCode: 'RY-C14', villageCode: '440232107204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村04
  { unitCode: 'RY-C14', villageCode: '440232107205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村05
  { unitCode: 'RY-C14', villageCode: '440232107206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村06
  { unitCode: 'RY-C14', villageCode: '440232107207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村07
  { unitCode: 'RY-C15', villageCode: '440232107208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村08
  { unitCode: 'RY-C15', villageCode: '440232107209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 东坪示例村09
  { unitCode: 'RY-C15', villageCode: '440232108001', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例社区01
  { unitCode: 'RY-C15', villageCode: '440232108202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村02
  { unitCode: 'RY-C16', villageCode: '440232108203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村03
  { unitCode: 'RY-C16', villageCode: '440232108204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村04
  { unitCode: 'RY-C16', villageCode: '440232108205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村05
  { unitCode: 'RY-C16', villageCode: '440232108206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村06
  { unitCode: 'RY-C17', villageCode: '440232108207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村07
  { unitCode: 'RY-C17', villageCode: '440232108208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村08
  { unitCode: 'RY-C17', villageCode: '440232108209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 游溪示例村09
  { unitCode: 'RY-C17', villageCode: '440232109201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村01
  { unitCode: 'RY-C18', villageCode: '440232109202', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村02
  { unitCode: 'RY-C18', villageCode: '440232109203', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村03
  { unitCode: 'RY-C18', villageCode: '440232109204', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村04
  { unitCode: 'RY-C18', villageCode: '440232109205', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村05
  { unitCode: 'RY-C19', villageCode: '440232109206', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村06
  { unitCode: 'RY-C19', villageCode: '440232109207', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村07
  { unitCode: 'RY-C19', villageCode: '440232109208', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村08
  { unitCode: 'RY-C19', villageCode: '440232109209', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 必背示例村09
  // cross-county: the provincial unit GD-P01 also serves the second tenant
  { unitCode: 'GD-P01', villageCode: '440229101201', startsOn: '2024-03-01', endsOn: null, isLead: true }, // 翁源示例村01
]
