/**
 * The NutUI components the app uses, imported one by one with their own
 * stylesheet (on-demand loading: the whole NutUI sheet would add ~229 KB to
 * app.wxss). Import NutUI only from here.
 */
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag/index'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'

export { Button, Tag, Input }
